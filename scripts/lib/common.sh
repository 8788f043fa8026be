# Shared by the scripts: where the project is, how to build what is missing, how to run a jar.
# Sourced, not run.

STREAMVIEWS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# jar_of MODULE JAR: the path of a runnable jar a module builds.
jar_of() {
  echo "$STREAMVIEWS_ROOT/$1/target/$2"
}

# ensure_built JAR...: builds the project (without tests) when any of the jars is missing.
ensure_built() {
  local jar
  for jar in "$@"; do
    if [[ ! -f "$jar" ]]; then
      echo "Building streamviews (first run; ./mvnw package -DskipTests) ..." >&2
      (cd "$STREAMVIEWS_ROOT" && ./mvnw -q -B package -DskipTests) >&2 || {
        echo "build failed; run ./mvnw package -DskipTests to see why" >&2
        exit 1
      }
      return
    fi
  done
}

# run_jar MODULE JAR [ARGS...]: builds if need be, then replaces this shell with the JVM.
run_jar() {
  local jar
  jar="$(jar_of "$1" "$2")"
  shift 2
  ensure_built "$jar"
  exec java ${STREAMVIEWS_JAVA_OPTS:-} -jar "$jar" "$@"
}

# http_ok URL: true when the URL answers 200 (curl if there is one, else bash's /dev/tcp).
http_ok() {
  local url="$1"
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" == 200 ]]
    return
  fi
  local rest="${url#http://}" hostport path host port status
  hostport="${rest%%/*}"
  path="/${rest#*/}"
  host="${hostport%:*}"
  port="${hostport##*:}"
  exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
  read -r -t 2 _ status _ <&3 || status=""
  exec 3<&- 3>&-
  [[ "$status" == 200 ]]
}

# wait_http NAME URL SECONDS [PID]: waits until URL answers 200; fails if PID dies or time runs out.
wait_http() {
  local name="$1" url="$2" seconds="$3" pid="${4:-}" waited=0
  until http_ok "$url"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it was ready" >&2
      return 1
    fi
    if (( waited >= seconds * 4 )); then
      echo "$name was not ready at $url after ${seconds}s" >&2
      return 1
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
}
