"""Units: pint's registry with the project's definitions (configs/units.txt), and conversion
between units of one dimension.

Records keep the unit as the text gives it (`tonnes`, `jin`, `GW`, `wan_kW`); comparisons convert
with `convert` before they call two values different: 1.4万亿斤 of grain is 700 million tonnes.
"""

from __future__ import annotations

import functools
import math
from typing import Optional

from pipeline.config import CONFIG_DIR
from pipeline.errors import ConfigError

UNITS_FILE = CONFIG_DIR / "units.txt"


@functools.lru_cache(maxsize=1)
def registry():
    import pint

    ureg = pint.UnitRegistry(on_redefinition="raise")
    try:
        ureg.load_definitions(str(UNITS_FILE))
    except (OSError, pint.errors.DefinitionSyntaxError, pint.errors.RedefinitionError) as exc:
        raise ConfigError(f"{UNITS_FILE}: {exc}") from exc
    return ureg


def known(unit: str) -> bool:
    import pint

    try:
        registry().Unit(unit)
    except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError):
        return False
    return True


def convert(value: float, unit: str, to: str) -> Optional[float]:
    """`value` in `unit` expressed in `to`; None when the two are not of one physical dimension.

    Dimensionless units (count, percent, multiple, index) are never converted into one another:
    5 percent is not 0.05 of a count."""
    if unit == to:
        return value
    if not (known(unit) and known(to)):
        return None
    ureg = registry()
    source, target = ureg.Unit(unit), ureg.Unit(to)
    if source.dimensionless or source.dimensionality != target.dimensionality:
        return None
    return float(ureg.Quantity(value, source).to(target).magnitude)


def same_amount(a: Optional[float], unit_a: Optional[str], b: Optional[float], unit_b: Optional[str],
                rel_tol: float = 1e-6) -> bool:
    """Two values are the same amount when they are equal in one unit after conversion."""
    if a is None or b is None:
        return a is None and b is None
    if unit_a == unit_b or unit_a is None or unit_b is None:
        return math.isclose(a, b, rel_tol=rel_tol)
    converted = convert(a, unit_a, unit_b)
    return converted is not None and math.isclose(converted, b, rel_tol=rel_tol)
