#!/usr/bin/env bash
# Installs the Java kernel the notebooks run on, for the current user: builds the notebooks module
# (its classpath, without Spark, and the kernel jar from Maven Central land in notebooks/target/),
# then writes kernel.json for "encours-java" into the user's Jupyter data folder (kernels/encours-java).
# Re-run it after changing the code (the kernel reads the built classes) or moving the checkout.
#   notebooks/install-kernel.sh            then: cd notebooks && jupyter notebook
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
JUPYTER="${JUPYTER:-/usr/bin/jupyter}"
[ -x "$JUPYTER" ] || JUPYTER="$(command -v jupyter || true)"
if [ -z "$JUPYTER" ]; then
  echo "install-kernel: no jupyter found; on Debian/Ubuntu: apt-get install jupyter-notebook" >&2
  exit 2
fi

echo "install-kernel: building the notebooks module (and what it needs)..." >&2
(cd "$ROOT" && ./mvnw -B -q -pl notebooks -am -DskipTests package) >&2

CLASSES="$HERE/target/classes"
JARS="$(cat "$HERE/target/notebook-classpath.txt")"
KERNEL_JAR="$HERE/target/kernel/rapaio-jupyter-kernel.jar"
SPEC="$("$JUPYTER" --data-dir)/kernels/encours-java"
mkdir -p "$SPEC"
# The kernel splits RJK_CLASSPATH on ';' (not ':').
python3 - "$SPEC/kernel.json" "$KERNEL_JAR" "$CLASSES;${JARS//:/;}" <<'PY'
import json, sys
path, jar, classpath = sys.argv[1:4]
json.dump({
    "argv": ["java", "-Xmx2g", "-Djava.awt.headless=true", "-jar", jar, "{connection_file}"],
    "display_name": "Java (Encours)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": classpath, "RJK_TIMEOUT_MILLIS": "-1"},
}, open(path, "w"), indent=2)
PY
echo "install-kernel: kernel 'encours-java' installed in $SPEC. Open the notebooks with: cd $HERE && jupyter notebook" >&2
echo "install-kernel: they read ENCOURS_WAREHOUSE (default $ROOT/var/warehouse) and ENCOURS_MODELS (default $ROOT/var/demo/models); ./encours demo --no-serve writes both." >&2
