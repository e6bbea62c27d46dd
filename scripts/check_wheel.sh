#!/usr/bin/env bash
# Build the wheel, check it carries the catalog, seeds, templates and examples, install it in a
# fresh virtual environment and run jdgen from a folder far from the checkout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m build --wheel --outdir "$work/dist" "$root" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/jdgen-*.whl)
python3 - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
need = ["jdgen/_data/catalog/archetypes.yaml", "jdgen/_data/seeds/sources.yaml",
        "jdgen/_data/templates/jd.md.j2", "jdgen/_data/templates/comparison.md.j2",
        "jdgen/_data/templates/readiness.md.j2", "jdgen/_data/templates/_warning.md.j2",
        "jdgen/_data/templates/reference.docx", "jdgen/_data/examples/profile.yaml",
        "jdgen/_data/examples/team.csv", "jdgen/_data/templates/posting.md.j2",
        "jdgen/_data/posting/gender-coded-words.yaml", "jdgen/_data/posting/language.yaml",
        "jdgen/_data/posting/pay-transparency.yaml", "jdgen/_data/examples/branding/reference.docx",
        "jdgen/py.typed", "jdgen/cli/__init__.py", "jdgen/cli/command.py", "jdgen/__main__.py", "jdgen/web/app.py",
        "jdgen/_data/templates/web/profile.html.j2", "jdgen/_data/templates/web/static/wizard.css",
        "jdgen/_data/templates/web/static/wizard.js"]
missing = [n for n in need if n not in names]
stray = [n for n in names if "__pycache__" in n or n.endswith((".tmp", ".pyc"))]
if missing or stray:
    sys.exit(f"wheel check failed: missing {missing}, stray {stray}")
print(f"wheel contents OK ({len(names)} files)")
PY

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
mkdir "$work/elsewhere"
cd "$work/elsewhere"
"$work/venv/bin/jdgen" --version
"$work/venv/bin/jdgen" catalog validate
"$work/venv/bin/jdgen" demo -o out
"$work/venv/bin/jdgen" lint --strict --profile "$root/examples/profile.yaml" out/*-posting.md > /dev/null
# the README's tour starts from the examples the installed package copies out
"$work/venv/bin/jdgen" examples tour
(
  cd tour
  "$work/venv/bin/jdgen" generate --archetype marketing-led --answers answers.yaml --profile profile.yaml -o cco.docx
  "$work/venv/bin/jdgen" generate -a enterprise-cx --profile profile.yaml --posting -o cco-posting.md
  "$work/venv/bin/jdgen" lint cco-posting.md --json --strict > /dev/null
  "$work/venv/bin/jdgen" compare --answers team.csv --profile profile.yaml -o board.docx
)
# templates export and a batch in two worker processes, from the installed package
"$work/venv/bin/jdgen" templates export brand
printf 'archetypes: [digital, service-led]\nformats: [docx, md]\ntemplates: brand\nprofiles: [{company: A}, {company: B}]\n' > spec.yaml
"$work/venv/bin/jdgen" batch spec.yaml -o batch --jobs 2 --summary batch/summary.json
"$work/venv/bin/python" - <<'PY'
import pathlib, docx, jdgen
from jdgen.common import resources
assert "_data" in str(resources.data_root()), resources.data_root()
files = sorted(p.name for p in pathlib.Path("out").iterdir())
assert len(files) == 12, files
# The demo writes the JD of whichever archetype fits its company best: find it by its name.
pack = ("-scorecard", "-interview", "-charter")
(jd_file,) = [p for p in pathlib.Path("out").glob("northwind-outfitters-cco-*.docx")
              if not p.stem.endswith(("-posting", "-board-comparison", "-readiness-report", *pack))]
doc = docx.Document(str(jd_file))
assert doc.paragraphs[0].text == "Chief Customer Officer"
(scorecard,) = pathlib.Path("out").glob("northwind-outfitters-cco-*-scorecard.docx")
assert docx.Document(str(scorecard)).paragraphs[0].text == "Scorecard: Chief Customer Officer"
board = docx.Document("out/northwind-outfitters-cco-board-comparison.docx")
assert board.paragraphs[0].text.startswith("Which Chief Customer Officer?")
summary = __import__("json").loads(pathlib.Path("batch/summary.json").read_text())
assert summary["counts"]["written"] == 4, summary
assert len(list(pathlib.Path("batch").glob("*.docx"))) == 4
print("installed wheel OK: jdgen demo wrote", ", ".join(files), "; batch wrote 4 items in 2 processes")
PY

# The web extra, from the installed wheel: the server starts, serves the wizard, the offline API
# reference and a Word JD, and stops on Ctrl-C.
"$work/venv/bin/pip" install -q "$wheel[web]"
"$work/venv/bin/jdgen" serve --port 0 > serve.out 2> serve.err &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "the wizard is at" serve.out && break; sleep 0.2; done
address=$(sed -n 's/.*the wizard is at \(http[^ ]*\).*/\1/p' serve.out)
[ -n "$address" ] || { cat serve.out serve.err; exit 1; }
"$work/venv/bin/python" - "$address" <<'PY'
import io, json, sys, urllib.request
import docx
base = sys.argv[1]
page = urllib.request.urlopen(base).read().decode()
assert "Who is hiring" in page, page[:200]
for path in ("static/wizard.css", "static/wizard.js", "docs", "docs-assets/swagger-ui-bundle.js", "openapi.json"):
    assert urllib.request.urlopen(base + path).status == 200, path
body = json.dumps({"archetype": "digital", "format": "docx", "profile": {"company": "Acme"}}).encode()
request = urllib.request.Request(base + "api/jd", body, {"Content-Type": "application/json"})
jd = docx.Document(io.BytesIO(urllib.request.urlopen(request).read()))
assert jd.paragraphs[0].text == "Chief Customer Officer"
print("installed web extra OK: wizard, /docs offline and a .docx from", base)
PY
kill -INT "$server"
wait "$server"
