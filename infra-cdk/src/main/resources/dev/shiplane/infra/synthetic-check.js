// shiplane's synthetic check (SyntheticMonitoring.java): every run requests each check the environment's services
// declare in shiplane.yml, on the live service, and expects what the check expects. One failed check fails the run,
// and a failed run puts the <env>-synthetics alarm in ALARM. The checks come from SHIPLANE_CHECKS (JSON), so this
// script never changes with the configuration.
// The runtime's module (SyntheticMonitoring.RUNTIME); from syn-nodejs-puppeteer-13.1 on it is @aws/synthetics-puppeteer.
const synthetics = require('Synthetics');

const checks = JSON.parse(process.env.SHIPLANE_CHECKS);

// RFC 6901 JSON Pointer (/status), as the checks function reads a check's json.field.
const pointer = (document, path) => path.split('/').slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), document);

const expectation = (check, started) => (response) => new Promise((resolve, reject) => {
    let body = '';
    response.on('data', (chunk) => { body += chunk; });
    response.on('end', () => {
        const took = Date.now() - started;
        if (response.statusCode !== check.status) {
            return reject(new Error(`${check.url} answered ${response.statusCode}, expected ${check.status}`));
        }
        // A slower answer fails, as it fails the check's own attempts.
        if (took > check.timeoutMillis) {
            return reject(new Error(`${check.url} answered after ${took} ms, over ${check.timeoutMillis} ms`));
        }
        if (check.field) {
            let value;
            try {
                value = pointer(JSON.parse(body), check.field);
            } catch (notJson) {
                return reject(new Error(`${check.url} answered a body that is not JSON`));
            }
            if (value === undefined || String(value) !== check.equals) {
                return reject(new Error(`${check.url}: ${check.field} is ${value}, expected ${check.equals}`));
            }
        }
        return resolve();
    });
});

exports.handler = async () => {
    for (const check of checks) {
        const url = new URL(check.url);
        const request = {
            hostname: url.hostname,
            port: url.port || (url.protocol === 'https:' ? 443 : 80),
            protocol: url.protocol,
            method: 'GET',
            path: url.pathname + url.search,
            headers: { 'User-Agent': synthetics.getCanaryUserAgentString() },
        };
        await synthetics.executeHttpStep(check.step, request, expectation(check, Date.now()));
    }
};
