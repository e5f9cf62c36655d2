# What the throwaway test services (scripts/test-postgres.sh,
# scripts/test-cups.sh) share: messages under the script's name, and the
# first free port from the one asked for. Sourced after setting NAME (the
# script's name in messages), FIRST_PORT and PORT_VARIABLE (the environment
# variable that moves FIRST_PORT, named when no port is free).

say() { printf '%s: %s\n' "$NAME" "$*" >&2; }
die() { say "$*"; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for ((port = FIRST_PORT; port < FIRST_PORT + 100; port++)); do
    port_busy "$port" || { printf '%s\n' "$port"; return 0; }
  done
  die "no free port in $FIRST_PORT..$((FIRST_PORT + 99)) on 127.0.0.1 (set $PORT_VARIABLE)"
}
