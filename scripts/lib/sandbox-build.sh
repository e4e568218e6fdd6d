# Builds what the sandbox loads (functions, their Lambda packages, the CDK app) without tests, but only the modules
# whose sources changed since the last build here (and the modules depending on them): nothing when nothing changed.
# The reliability suite is not loaded by the sandbox, so never built here. Sourced by scripts/sandbox and scripts/soak
# from the repository's root; leaves sandbox/target/classes and sandbox/target/classpath.txt ready to run.
shiplane_build_sandbox() {
  mkdir -p .sandbox
  local state=.sandbox/built-from now changed modules what
  fingerprint() { # one line per module: its directory and a digest of its pom and sources; "." for the shared inputs
    local dir
    for dir in . $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml | grep -v '^reliability$'); do
      if [ "$dir" = . ]; then
        printf '%s %s\n' . "$(cat pom.xml functions/lambda-shrink.pro .mvn/wrapper/maven-wrapper.properties 2>/dev/null | sha1sum | cut -c1-40)"
      else
        printf '%s %s\n' "$dir" "$( (find "$dir/pom.xml" "$dir/src" -type f 2>/dev/null | LC_ALL=C sort | xargs -r sha1sum) | sha1sum | cut -c1-40)"
      fi
    done
  }
  now="$(fingerprint)"
  changed="$( { diff <(cat "$state" 2>/dev/null) <(echo "$now") || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | paste -sd, -)"
  # A class path listing the Lambda packages (zip:lambda, shrunk) would load their stripped SDK: rebuild it.
  if [ ! -f sandbox/target/classpath.txt ] || [ ! -d sandbox/target/classes ] \
     || grep -q 'lambda\.zip' sandbox/target/classpath.txt; then changed="."; fi
  if [ -z "$changed" ]; then
    echo "nothing changed since the last build (.sandbox/built-from): starting at once" >&2
  else
    case ",$changed," in
      *,.,*) modules=(-pl '!reliability'); what="everything" ;;
      *) modules=(-pl "$changed,!reliability" -amd); what="$changed and what depends on it" ;;
    esac
    echo "building $what (log: .sandbox/build.log)…" >&2
    if ! { "$shiplane_mvn" -B install -DskipTests "${modules[@]}" \
           && "$shiplane_mvn" -B -pl sandbox dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
                -DexcludeTypes=zip; } \
        >.sandbox/build.log 2>&1; then
      tail -40 .sandbox/build.log >&2
      echo "the build failed; full log in .sandbox/build.log" >&2
      rm -f "$state"
      exit 1
    fi
    echo "$now" > "$state"
  fi
}
