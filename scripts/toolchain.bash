# Sourced by scripts/nslab, scripts/test and scripts/release: finds (or, as root, installs)
# what building and running nslab needs, so that on a fresh machine those commands do all
# the set-up themselves.
#   toolchain_java      a Java 17+ runtime on PATH (JAVA_HOME exported where it is not `java`)
#   toolchain_build     a JDK 17+ (javac) and Maven (MVN=(mvn)), as root installed by package
#                       name with the system's package manager where they are missing
# Where something is missing and we are not root, it prints the one command to run and exits 1.

toolchain_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Sets major to the major version of a java binary: 17 for "17.0.15", 8 for "1.8.0_292", 21
# for "21". From its JDK's release file where there is one, with bash's own words: starting a
# JVM to ask, or a few processes, would cost every start of nslab.
toolchain_major() {
  local real home v=
  real=$(readlink -f "$1")
  home=${real%/bin/java}
  if [[ -f $home/release ]]; then
    local line
    while IFS= read -r line; do
      [[ $line =~ ^JAVA_VERSION=\"([^\"]*)\" ]] && v=${BASH_REMATCH[1]} && break
    done <"$home/release"
  else
    [[ $("$1" -version 2>&1) =~ \ version\ \"([^\"]*)\" ]] && v=${BASH_REMATCH[1]}
  fi
  v=${v#1.}
  major=${v%%[!0-9]*}
  javahome=$home
  javac=$home/bin/javac
}

# Finds a Java 17 or later (with javac beside it if $1 is "jdk"): JAVA_HOME's, the one on
# PATH, or any under /usr/lib/jvm (where a distribution installs a second JDK without making
# it the default). Puts it first on PATH and exports JAVA_HOME (which Maven reads).
toolchain_find() {
  local want=$1 java path= dir IFS=:
  for dir in $PATH; do
    [[ -x ${dir:-.}/java && ! -d ${dir:-.}/java ]] && path=${dir:-.}/java && break
  done
  IFS=$' \t\n'
  for java in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} ${path:+"$path"} LIST_JVM; do
    if [[ $java == LIST_JVM ]]; then
      # Only now, as it costs a few processes: every JDK the distribution installed.
      for java in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
        toolchain_use "$want" "$java" "$path" && return 0
      done
      return 1
    fi
    toolchain_use "$want" "$java" "$path" && return 0
  done
}

toolchain_use() {
  local want=$1 java=$2 path=$3 major javac javahome
  [[ -x $java ]] || return 1
  toolchain_major "$java"
  [[ ${major:-0} -ge 17 && ($want != jdk || -x $javac) ]] || return 1
  if [[ $java != "$path" ]]; then
    # Not the java on PATH: make it so, for Maven and for nslab itself.
    export JAVA_HOME=${java%/bin/java}
    export PATH=$JAVA_HOME/bin:$PATH
  elif [[ -n ${JAVA_HOME:-} && $java != "$JAVA_HOME/bin/java" ]]; then
    export JAVA_HOME=$javahome # an older JDK's: Maven would build with it
  fi
}

# The system's package manager and the packages that bring what is missing: a JDK (headless)
# and Maven. Sets pm and pkgs.
toolchain_packages() {
  local need_jdk=$1 need_maven=$2 p
  pm= pkgs=()
  if command -v apt-get >/dev/null; then
    pm=apt-get
    if [[ $need_jdk == yes ]]; then
      # Debian 12 and Ubuntu have 17; Debian 13 has 21 and 25 only.
      for p in openjdk-17-jdk-headless openjdk-21-jdk-headless openjdk-25-jdk-headless; do
        if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
          pkgs+=("$p")
          break
        fi
      done
      [[ ${#pkgs[@]} -gt 0 ]] || pkgs+=(openjdk-17-jdk-headless)
    fi
  elif command -v dnf >/dev/null; then
    pm=dnf
    [[ $need_jdk == yes ]] && pkgs+=(java-21-openjdk-devel)
  fi
  [[ $need_maven == yes ]] && pkgs+=(maven)
  return 0
}

toolchain_install() {
  local need_jdk=$1 need_maven=$2 what
  toolchain_packages "$need_jdk" "$need_maven"
  if [[ -z $pm ]]; then
    what=$([[ $need_jdk == yes ]] && echo "a JDK 17 or later (java and javac)")
    [[ $need_maven == yes ]] && what="${what:+$what and }Maven"
    echo "nslab: needs $what, and finds no apt-get or dnf to install it with" >&2
    exit 1
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "nslab: needs ${pkgs[*]}; install with: sudo $pm install -y ${pkgs[*]}" >&2
    exit 1
  fi
  echo "nslab: installing ${pkgs[*]} with $pm (once)..." >&2
  if [[ $pm == apt-get ]]; then
    # A fresh machine (a container image) has no package lists yet; ask apt again after.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    toolchain_packages "$need_jdk" "$need_maven"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  elif ! dnf install -y -q "${pkgs[@]}" >/dev/null && [[ $need_jdk == yes ]]; then
    pkgs[0]=java-17-openjdk-devel # RHEL 8 has no 21
    dnf install -y -q "${pkgs[@]}" >/dev/null
  fi
}

toolchain_java() {
  toolchain_find jre && return 0
  toolchain_install yes no
  toolchain_find jre || { echo "nslab: installed ${pkgs[*]}, and still finds no Java 17 or later" >&2; exit 1; }
}

toolchain_build() {
  local need_jdk=no need_maven=no
  toolchain_find jdk || need_jdk=yes
  # Maven from the distribution, by package name (a wrapper script would fetch it from a
  # download address of its own; the package manager's are the machine's).
  command -v mvn >/dev/null || need_maven=yes
  if [[ $need_jdk == yes || $need_maven == yes ]]; then
    toolchain_install "$need_jdk" "$need_maven"
    hash -r
    toolchain_find jdk || { echo "nslab: installed ${pkgs[*]}, and still finds no JDK 17 or later" >&2; exit 1; }
    command -v mvn >/dev/null || { echo "nslab: installed ${pkgs[*]}, and still finds no mvn" >&2; exit 1; }
  fi
  MVN=(mvn)
}
