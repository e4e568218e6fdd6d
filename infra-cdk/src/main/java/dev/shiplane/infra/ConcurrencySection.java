package dev.shiplane.infra;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code concurrency} section of {@code shiplane.yml}, exactly as written, bound by the contract module's reader
 * (a typo or a value of the wrong shape is refused with its line). The rest of the file is skipped here: the
 * functions' loader and {@link PlatformSections} read it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ConcurrencySection(ConcurrencyDocument concurrency) {

    record ConcurrencyDocument(Integer webhook, Integer rollback, Integer deploy, Integer accountLimit) {}

    /** The section with its defaults; {@link FunctionConcurrency#NONE} when absent. */
    FunctionConcurrency spec() {
        if (concurrency == null) return FunctionConcurrency.NONE;
        return new FunctionConcurrency(concurrency.webhook(), concurrency.rollback(), concurrency.deploy(),
                concurrency.accountLimit() == null ? FunctionConcurrency.DEFAULT_ACCOUNT_LIMIT
                        : concurrency.accountLimit());
    }
}
