package dev.shiplane.sandbox.crac;

/** A participant in checkpoint and restore, as the org.crac API sees one through {@link Core}. */
public interface Resource {

    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
