"""Errors are GreenlcaError (a ValueError) with the command line's message, file, line and hint."""

import pytest

import greenlca
from conftest import KETTLE


def test_a_syntax_error_names_file_line_and_hint(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text(KETTLE.read_text().replace("[product]", "[product\n", 1))
    with pytest.raises(greenlca.GreenlcaError) as info:
        greenlca.load(bad)
    e = info.value
    assert isinstance(e, ValueError)
    assert e.kind == "syntax"
    assert e.file == str(bad)
    assert isinstance(e.line, int) and e.line >= 1
    assert e.hint
    code, out, err = cli("calc", bad)
    assert code == 2 and out == ""
    assert err.strip() == f"error: {e}"


def test_an_unknown_parameter_names_the_parameter(cli):
    study = greenlca.load(KETTLE)
    with pytest.raises(greenlca.GreenlcaError) as info:
        study.calc(sets={"no_such_parameter": 1.0})
    e = info.value
    assert e.kind == "unknown_id"
    assert e.entity == "--set"
    assert "no_such_parameter" in e.message
    assert "known parameters" in e.hint
    code, _, err = cli("calc", KETTLE, "--set", "no_such_parameter=1")
    assert code == 2 and err.strip() == f"error: {e}"


def test_a_missing_file_is_an_io_error():
    with pytest.raises(greenlca.GreenlcaError) as info:
        greenlca.load("no/such/model.toml")
    assert info.value.kind == "io" and info.value.file == "no/such/model.toml"


def test_bad_options_are_errors_not_crashes():
    study = greenlca.load(KETTLE)
    with pytest.raises(greenlca.GreenlcaError, match="unknown variant"):
        study.calc(variants=["nope"])
    with pytest.raises(greenlca.GreenlcaError, match="unknown category"):
        study.contrib(categories=["nope"])
    with pytest.raises(greenlca.GreenlcaError, match="too few"):
        study.mc(1)
    with pytest.raises(greenlca.GreenlcaError, match="not a policy"):
        greenlca.load(KETTLE, unlinked="sometimes")


def test_matrix_errors_name_the_matrix():
    import scipy.sparse as sp

    a = sp.coo_matrix(([1.0], ([0], [0])), shape=(2, 2))
    b = sp.coo_matrix((1, 2))
    c = sp.coo_matrix((1, 1))
    with pytest.raises(greenlca.GreenlcaError) as info:
        greenlca.from_scipy(a, b, c, [1.0, 0.0])
    assert info.value.kind == "singular" and "process 1" in str(info.value)
    with pytest.raises(greenlca.GreenlcaError, match="B has 3 columns"):
        greenlca.from_scipy(a, sp.coo_matrix((1, 3)), c, [1.0, 0.0])


def test_option_errors_carry_the_same_attributes(cli):
    study = greenlca.load(KETTLE)
    with pytest.raises(greenlca.GreenlcaError) as info:
        study.calc(variants=["nope"])
    e = info.value
    assert (e.kind, e.file, e.line, e.entity) == ("unknown_id", None, None, None)
    assert e.message == "unknown variant `nope`" and e.hint.startswith("choose one of: base")
    # The command line names the option the value came from; Python has keywords instead.
    code, _, err = cli("calc", KETTLE, "--variant", "nope")
    assert code == 2 and err.strip() == f"error: --variant: {e}"
    with pytest.raises(greenlca.GreenlcaError) as info:
        study.contrib(categories=["nope"])
    assert info.value.kind == "unknown_id" and info.value.hint.startswith("choose one of: gwp100")
    code, _, err = cli("contrib", KETTLE, "--category", "nope")
    assert err.strip() == f"error: --category: {info.value}"
