"""Loading catalogs and overlays: one readable problem per mistake, naming file, item and field."""

from __future__ import annotations

from pathlib import Path

import pytest

import jdgen
from tests.conftest import write_tree

BLOCK = """
blocks:
  - id: board-reporting
    domain: alignment
    title: Board reporting
    purpose: Keeps the board informed.
    duties: [Report customer results each quarter, Explain risks, Propose investments]
    kpis: [Board reviews held]
    partners: [CEO]
    competencies: [executive-communication]
    sources: [seed-11-statements]
"""


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    write_tree(tmp_path, files)
    with pytest.raises(jdgen.CatalogError) as info:
        jdgen.load_catalog([tmp_path])
    return [str(p) for p in info.value.problems]


def test_builtin_catalog_loads_once_and_is_cached() -> None:
    assert jdgen.load_catalog() is jdgen.load_catalog()


def test_an_overlay_adds_a_block_and_replaces_an_archetype_by_id(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    base = catalog.archetypes["digital"].model_dump()
    base["name"] = "Digital and data leader"
    import yaml

    write_tree(tmp_path, {"blocks.yaml": BLOCK, "archetypes.yaml": yaml.safe_dump({"archetypes": [base]})})
    merged = jdgen.load_catalog([tmp_path])
    assert "board-reporting" in merged.blocks
    assert merged.archetypes["digital"].name == "Digital and data leader"
    assert merged.archetypes.ids() == catalog.archetypes.ids()  # replaced in place
    assert "board-reporting" not in catalog.blocks  # the built-in catalog is untouched


def test_unknown_field_names_file_item_field_and_the_allowed_fields(tmp_path: Path) -> None:
    got = problems(tmp_path, {"b.yaml": BLOCK.replace("    kpis:", "    kpi_list: [x]\n    kpis:")})
    assert got == [
        (
            f"{tmp_path}/b.yaml: block 'board-reporting': kpi_list: unknown field 'kpi_list'; allowed fields: "
            "id, domain, title, purpose, you_will, outcome, outcome_measure, duties, kpis, partners, competencies, sources, variants"
        )
    ]


def test_missing_and_too_short_fields_are_each_reported(tmp_path: Path) -> None:
    text = BLOCK.replace("    purpose: Keeps the board informed.\n", "").replace(
        "[Report customer results each quarter, Explain risks, Propose investments]", "[Only one duty]"
    )
    got = problems(tmp_path, {"b.yaml": text})
    assert f"{tmp_path}/b.yaml: block 'board-reporting': purpose: required field is missing" in got
    assert any(
        line.startswith(f"{tmp_path}/b.yaml: block 'board-reporting': duties: tuple should have at least 3")
        for line in got
    )
    assert len(got) == 2


def test_duplicate_ids_in_one_layer_name_both_files(tmp_path: Path) -> None:
    got = problems(tmp_path, {"a.yaml": BLOCK, "b.yaml": BLOCK})
    assert got == [f"{tmp_path}/b.yaml: block 'board-reporting': duplicate id; {tmp_path}/a.yaml defines it too"]


def test_dangling_references_are_each_named(tmp_path: Path) -> None:
    text = BLOCK.replace("domain: alignment", "domain: finance").replace("[seed-11-statements]", "[nowhere-2020]")
    got = problems(tmp_path, {"b.yaml": text})
    assert got == [
        f"{tmp_path}/b.yaml: block 'board-reporting': domain: unknown domain 'finance'",
        f"{tmp_path}/b.yaml: block 'board-reporting': sources[0]: unknown source 'nowhere-2020'",
    ]


def test_archetype_strength_cannot_also_be_its_chasm(tmp_path: Path, catalog: jdgen.Catalog) -> None:
    import yaml

    data = catalog.archetypes["service-led"].model_dump()
    data["strong_blocks"] = [*data["strong_blocks"], data["chasm"]["blocks"][0]]
    got = problems(tmp_path, {"a.yaml": yaml.safe_dump({"archetypes": [data]})})
    assert got == [
        (
            f"{tmp_path}/a.yaml: archetype 'service-led': chasm.blocks: "
            f"{data['chasm']['blocks'][0]} cannot be both a strength and in the chasm"
        )
    ]


def test_rule_placeholders_are_checked(tmp_path: Path) -> None:
    rule = """
    rules:
      - id: odd-rule
        severity: info
        title: About {statement}
        why: Because.
        action: Act.
        sources: [seed-11-statements]
        evidence: inference
    """
    got = problems(tmp_path, {"r.yaml": rule})
    assert got == [
        (
            f"{tmp_path}/r.yaml: rule 'odd-rule': title: unknown placeholder {{statement}}; allowed: "
            "{archetype}, {company}, {reports_to}"
        )
    ]


def test_rule_with_an_unknown_condition_is_refused(tmp_path: Path) -> None:
    rule = """
    rules:
      - id: odd-rule
        severity: severe
        when: {salary_over: 5}
        title: T
        why: W.
        action: A.
        sources: [seed-11-statements]
    """
    got = problems(tmp_path, {"r.yaml": rule})
    assert (
        f"{tmp_path}/r.yaml: rule 'odd-rule': severity: input should be 'info', 'warning' or 'critical' (got 'severe')"
        in got
    )
    assert any(
        "rule 'odd-rule': when.salary_over: unknown field 'salary_over'; allowed fields: archetypes," in g for g in got
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty; give at least one entry"),
        ("blocks: [\n", "line 2, column 1: not valid YAML"),
        ("- just\n- a list\n", "expected a mapping of sections"),
        ("blokcs: []\n", "unknown section 'blokcs'; a catalog file may hold: domains, blocks,"),
        ("blocks: []\nblocks: []\n", "not valid YAML (duplicate key 'blocks')"),
        ("x: !!python/object/apply:os.system ['true']\n", "not valid YAML"),
    ],
)
def test_unreadable_files_get_one_line_each(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "bad.yaml").write_text(content)
    got = problems(tmp_path, {})
    assert len(got) == 1
    assert got[0].startswith(f"{tmp_path}/bad.yaml: ")
    assert message in got[0]


def test_a_missing_overlay_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(jdgen.CatalogError, match="catalog folder not found"):
        jdgen.load_catalog([tmp_path / "nope"])


def test_unknown_archetype_lists_the_valid_ones(catalog: jdgen.Catalog) -> None:
    with pytest.raises(
        jdgen.InputError, match=r"unknown archetype 'cxo'; valid archetypes: enterprise-cx, service-led"
    ):
        jdgen.compose(catalog, "cxo")
