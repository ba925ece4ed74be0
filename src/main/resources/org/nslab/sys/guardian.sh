# nslab's guardian: a shell nslab starts beside itself, which ends what nslab started if nslab
# ends without doing it (killed with SIGKILL, the JVM crashed).
#
#   sh guardian.sh NSLAB_PID    (standard input: a pipe from nslab)
#
# nslab writes "pid N" for every child it starts, and "bye" once it has ended them itself. At
# end of input without "bye", nslab is gone: every child it named that still runs (the same
# process: its start time is checked, pids are reused) is stopped with its descendants,
# found again until none is new (a stopped process forks no more), then all are killed.
# Children in PID namespaces of their own go with them: a namespace's PID 1 killed ends it.
trap '' INT QUIT TSTP TTIN TTOU HUP PIPE TERM
nslab=$1

# The start time of a process (field 22 of /proc/PID/stat; the name in field 2 may hold
# spaces and parentheses, so fields are counted after its last ')').
started() {
  # (The redirection's own error goes to /dev/null only if 2> comes first: dash applies them
  # in order.)
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  set -- ${stat##*) }
  echo "${20}"
}

named=
while read -r word pid; do
  case $word in
    bye) exit 0 ;;
    pid) if t=$(started "$pid"); then named="$named $pid:$t"; fi ;;
  esac
done

alive=
for n in $named; do
  if [ "$(started "${n%:*}")" = "${n#*:}" ]; then
    alive="$alive ${n%:*}"
  fi
done
[ -n "$alive" ] || exit 0

# The processes whose parent is in $all and that are not in it yet (parent: field 4).
below() {
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    pid=${line%% *}
    set -- ${line##*) }
    case " $all " in
      *" $pid "*) ;;
      *" $2 "*) echo "$pid" ;;
    esac
  done
}

all=$alive
kill -STOP $alive 2>/dev/null
while :; do
  new=$(below)
  [ -n "$new" ] || break
  kill -STOP $new 2>/dev/null
  all="$all $(echo $new)"
done
kill -KILL $all 2>/dev/null
set -- $all
if [ $# = 1 ]; then what="1 process (pid $*)"; else what="$# processes (pids $*)"; fi
echo "nslab: nslab (pid $nslab) ended without ending what it had started; its guardian" \
  "ended $what" >&2
