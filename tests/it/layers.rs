//! Database layers, relinking throughout the supply chain and `greenlca db`, on a tiny database
//! whose answers are worked out by hand (IPCC 2021 GWP100: 1 kg CO2 fossil = 1 kg CO2-eq).
//!
//! Base database: grid_a emits 1.0 kg CO2/kWh, grid_b 0.5; steel_mill makes 1 kg steel with
//! 2 kWh from grid_a and 3 kg CO2; paint_shop makes 1 kg paint with 1 kWh (linked by the flow
//! rule to grid_a, the first producer) and nothing else. The product takes 1 kg steel, 1 kg paint
//! and 10 kWh from grid_a: 1 x (3 + 2 x 1.0) + 1 x 1.0 + 10 x 1.0 = 16 kg CO2-eq.

use std::path::Path;

use crate::common::{assert_close, assert_error, run};

const FLOWS: &str = "id,name,name_zh,kind,unit,compartment,cas
elec,Electricity,电力,product,kWh,,
steel,Steel,钢,product,kg,,
paint,Paint,涂料,product,kg,,
co2_fossil,\"Carbon dioxide, fossil\",二氧化碳,elementary,kg,air,124-38-9
";
const PROCESSES: &str = "id,name,name_zh,location,category
grid_a,Grid A,电网甲,CN,energy/electricity
grid_b,Grid B,电网乙,CN-Tianjin,energy/electricity
steel_mill,Steel mill,钢厂,CN,metals
paint_shop,Paint shop,涂料厂,CN,chemicals
";
const EXCHANGES: &str = "process,flow,direction,amount,unit,provider,reference
grid_a,elec,output,1,kWh,,true
grid_a,co2_fossil,output,1.0,kg,,
grid_b,elec,output,1,kWh,,true
grid_b,co2_fossil,output,0.5,kg,,
steel_mill,steel,output,1,kg,,true
steel_mill,elec,input,2,kWh,grid_a,
steel_mill,co2_fossil,output,3,kg,,
paint_shop,paint,output,1,kg,,true
paint_shop,elec,input,1,kWh,,
";
const MODEL: &str = r#"
database = "db"
methods = ["ipcc2021"]

[product]
id = "widget"
name = "Widget"
functional_unit = "one widget"

[[exchange]]
id = "steel"
stage = "raw_materials"
provider = "steel_mill"
amount = 1
unit = "kg"

[[exchange]]
id = "paint"
stage = "raw_materials"
provider = "paint_shop"
amount = 1
unit = "kg"

[[exchange]]
id = "power"
stage = "production"
provider = "grid_a"
amount = 10
unit = "kWh"

[[variant]]
id = "tianjin"
relink = [{ from = "grid_a", to = "grid_b" }]

[[variant]]
id = "mill_only"
relink = [{ from = "grid_a", to = "grid_b", within = ["steel_mill"] }]

[[variant]]
id = "swapped"
swap = [{ from = "grid_a", to = "grid_b" }]
"#;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

/// The tiny database and model in a temporary folder.
fn setup() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d, "db/database.toml", "name = \"tiny\"\nversion = \"1\"\n");
    write(d, "db/flows.csv", FLOWS);
    write(d, "db/processes.csv", PROCESSES);
    write(d, "db/exchanges.csv", EXCHANGES);
    write(d, "model.toml", MODEL);
    t
}

/// A layer: a new grid_c (0.2 kg CO2/kWh) and steel_mill replaced (2 kWh from grid_c, 1 kg CO2).
fn add_layer(d: &Path) {
    write(
        d,
        "mine/processes.csv",
        "id,name,location,category,override\ngrid_c,Grid C,CN-Yunnan,energy/electricity,\nsteel_mill,Steel mill (own data),CN,metals,true\n",
    );
    write(
        d,
        "mine/exchanges.csv",
        "process,flow,direction,amount,unit,provider,reference\ngrid_c,elec,output,1,kWh,,true\ngrid_c,co2_fossil,output,0.2,kg,,\nsteel_mill,steel,output,1,kg,,true\nsteel_mill,elec,input,2,kWh,grid_c,\nsteel_mill,co2_fossil,output,1,kg,,\n",
    );
    crate::common::edit(&d.join("model.toml"), "database = \"db\"", "database = [\"db\", \"mine\"]");
}

fn calc(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["calc"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn gwp(report: &serde_json::Value, variant: &str) -> f64 {
    let v = report["variants"].as_array().unwrap().iter().find(|v| v["id"] == variant).unwrap();
    v["results"].as_array().unwrap().iter().find(|r| r["category"] == "gwp100").unwrap()["total"].as_f64().unwrap()
}

fn relinked(report: &serde_json::Value, variant: &str) -> serde_json::Value {
    report["variants"].as_array().unwrap().iter().find(|v| v["id"] == variant).unwrap()["relinked"].clone()
}

#[test]
fn relink_reaches_the_background_and_counts_the_exchanges() {
    let t = setup();
    let model = t.path().join("model.toml");
    let r = calc(&[model.to_str().unwrap(), "--all-variants"]);
    assert_close(gwp(&r, "base"), 16.0, 1e-12);
    // Everywhere: steel 3 + 2 x 0.5, paint 1 x 0.5, power 10 x 0.5 = 9.5; two background
    // exchanges (steel_mill's named provider, paint_shop's linked by the rule) and one of the product.
    assert_close(gwp(&r, "tianjin"), 9.5, 1e-12);
    assert_eq!(
        relinked(&r, "tianjin"),
        serde_json::json!([{"from": "grid_a", "to": "grid_b", "background": 2, "foreground": 1}])
    );
    // Only within steel_mill: 3 + 1 + 1 + 10 = 15.
    assert_close(gwp(&r, "mill_only"), 15.0, 1e-12);
    assert_eq!(relinked(&r, "mill_only")[0]["background"], 1);
    assert_eq!(relinked(&r, "mill_only")[0]["foreground"], 0);
    // A swap changes the product's own exchange only: 3 + 2 + 1 + 5 = 11.
    assert_close(gwp(&r, "swapped"), 11.0, 1e-12);
    assert!(relinked(&r, "base").is_null(), "no relink, no field");
}

#[test]
fn relink_from_the_command_line_and_a_scenario_file() {
    let t = setup();
    let model = t.path().join("model.toml");
    let r = calc(&[model.to_str().unwrap(), "--relink", "grid_a=grid_b@paint_shop"]);
    // Only paint_shop: 5 + 0.5 + 10 = 15.5.
    assert_close(gwp(&r, "base"), 15.5, 1e-12);
    let (code, out, err) = run(&["calc", model.to_str().unwrap(), "--relink", "grid_a=grid_b"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("relinked grid_a -> grid_b: 3 exchanges (2 in the background, 1 of the product)"), "{out}");

    let sc = t.path().join("scenarios.csv");
    std::fs::write(&sc, "scenario,relink\nnational,\ntianjin,grid_a=grid_b\nmill,grid_a=grid_b@steel_mill\n").unwrap();
    let (code, out, err) =
        run(&["calc", model.to_str().unwrap(), "--scenarios", sc.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let totals: Vec<f64> =
        v["scenarios"].as_array().unwrap().iter().map(|s| s["totals"][0].as_f64().unwrap()).collect();
    assert_close(totals[0], 16.0, 1e-12);
    assert_close(totals[1], 9.5, 1e-12);
    assert_close(totals[2], 15.0, 1e-12);
    assert_eq!(v["scenarios"][1]["relinked"][0]["background"], 2);
}

#[test]
fn relink_errors_name_where_and_why() {
    let t = setup();
    let model = t.path().join("model.toml");
    let m = model.to_str().unwrap();
    // Another product: steel_mill does not make electricity.
    assert_error(
        &["calc", m, "--relink", "grid_a=steel_mill"],
        &["--relink", "makes `steel`", "`grid_a` makes `elec`"],
    );
    // Nothing uses grid_b.
    assert_error(&["calc", m, "--relink", "grid_b=grid_a"], &["changes nothing", "grid_b"]);
    assert_error(&["calc", m, "--relink", "grid_a=grid_x"], &["`grid_x`", "not a process"]);
    assert_error(&["calc", m, "--relink", "grid_a"], &["not a relink"]);
    // In the model: the error names the file and line of the variant.
    crate::common::edit(&model, "within = [\"steel_mill\"]", "within = [\"grid_b\"]");
    assert_error(&["calc", m, "--variant", "mill_only"], &["model.toml:", "changes nothing", "of grid_b"]);
    // Monte Carlo draws the relinked background: without distributions every draw is the
    // relinked result by hand, 9.5 (not the base's 16).
    let (code, out, err) = run(&["mc", m, "--variant", "tianjin", "-n", "5", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let row = out.lines().find(|l| l.starts_with("tianjin,gwp100,total,")).unwrap();
    assert_eq!(row.split(',').nth(5), Some("9.5"), "{row}");
}

#[test]
fn a_layer_adds_and_overrides_and_results_record_it() {
    let t = setup();
    let d = t.path();
    add_layer(d);
    let model = d.join("model.toml");
    let r = calc(&[model.to_str().unwrap()]);
    // steel_mill replaced whole: 1 + 2 x 0.2 = 1.4; paint 1; power 10: 12.4.
    assert_close(gwp(&r, "base"), 12.4, 1e-12);
    let layers = r["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2);
    assert!(layers[0]["path"].as_str().unwrap().ends_with("db"));
    assert!(layers[1]["path"].as_str().unwrap().ends_with("mine"));
    for l in layers {
        let h = l["sha256"].as_str().unwrap();
        assert!(h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()), "{h}");
    }
    assert!(r["inputs"].as_array().unwrap().iter().any(|i| i["role"] == "layer"));
    // The hash follows the layer's content.
    let before = layers[1]["sha256"].clone();
    crate::common::edit(&d.join("mine/exchanges.csv"), "co2_fossil,output,1,kg", "co2_fossil,output,1.5,kg");
    let r2 = calc(&[model.to_str().unwrap()]);
    assert_ne!(r2["layers"][1]["sha256"], before);
    assert_eq!(r2["layers"][0]["sha256"], r["layers"][0]["sha256"]);
    assert_close(gwp(&r2, "base"), 12.9, 1e-12);
    // The layer's process can be relinked to like any other.
    let r3 = calc(&[model.to_str().unwrap(), "--relink", "grid_a=grid_c"]);
    // steel 1.5 + 0.4, paint 0.2, power 2: 4.1.
    assert_close(gwp(&r3, "base"), 4.1, 1e-12);
}

#[test]
fn layer_conflicts_are_errors_at_the_layer_file_and_line() {
    let t = setup();
    let d = t.path();
    add_layer(d);
    let m = d.join("model.toml");
    let m = m.to_str().unwrap();
    // A flow redefined with another unit.
    write(d, "mine/flows.csv", "id,name,kind,unit\nsteel,Steel,product,kg\nelec,Electricity,product,MJ\n");
    assert_error(&["calc", m], &["flows.csv:3", "flow `elec`", "unit `MJ` (was `kWh`)"]);
    // The same flow restated is fine.
    write(d, "mine/flows.csv", "id,name,kind,unit\nelec,Electricity,product,kWh\n");
    assert_eq!(run(&["calc", m]).0, 0);
    // A process of the database redefined without `override`.
    crate::common::edit(&d.join("mine/processes.csv"), "metals,true", "metals,");
    assert_error(&["calc", m], &["processes.csv:3", "process `steel_mill` is already defined at", "override = true"]);
    // `override` on a process no earlier layer has.
    crate::common::edit(&d.join("mine/processes.csv"), "metals,", "metals,true");
    crate::common::edit(&d.join("mine/processes.csv"), "energy/electricity,", "energy/electricity,true");
    assert_error(&["calc", m], &["processes.csv:2", "`grid_c` is marked override"]);
    // An exchange added to a process of an earlier layer.
    crate::common::edit(&d.join("mine/processes.csv"), "energy/electricity,true", "energy/electricity,");
    let ex = d.join("mine/exchanges.csv");
    let text = std::fs::read_to_string(&ex).unwrap() + "paint_shop,co2_fossil,output,1,kg,,\n";
    std::fs::write(&ex, text).unwrap();
    assert_error(&["calc", m], &["exchanges.csv:7", "`paint_shop` belongs to an earlier layer"]);
    // A layer folder that is not one.
    crate::common::edit(&d.join("model.toml"), "\"mine\"", "\"nowhere\"");
    assert_error(&["calc", m], &["nowhere", "not a database layer folder"]);
}

#[test]
fn db_finds_processes_and_flows_in_every_layer() {
    let t = setup();
    let d = t.path();
    add_layer(d);
    let m = d.join("model.toml");
    let m = m.to_str().unwrap();
    let (code, out, err) = run(&["db", "search", "GRID", "--model", m, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "kind,id,name,name_zh,category,location_or_unit,layer");
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[3].starts_with("process,grid_c,Grid C,,energy/electricity,CN-Yunnan,") && lines[3].ends_with("mine"));
    // Chinese names, location and category filters, kinds.
    let (_, out, _) = run(&["db", "search", "电网", "--db", d.join("db").to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    let (_, out, _) = run(&["db", "list", "--model", m, "--location", "tianjin", "--format", "csv"]);
    assert_eq!(out.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect::<Vec<_>>(), ["grid_b"]);
    let (_, out, _) = run(&["db", "list", "--model", m, "--kind", "flow", "--category", "air", "--format", "csv"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    // show: a process with its exchanges and the layer that replaced it.
    let (code, out, err) = run(&["db", "show", "steel_mill", "--model", m, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["entry"]["layer"].as_str().unwrap().ends_with("mine"));
    assert_eq!(v["exchanges"][1]["provider"], "grid_c");
    assert_eq!(v["exchanges"][2]["amount"], 1.0);
    // Without the model, the database's own.
    let (_, out, _) = run(&["db", "show", "steel_mill", "--db", d.join("db").to_str().unwrap(), "--format", "csv"]);
    assert!(out.contains("steel_mill,input,elec,Electricity,2.0,kWh,grid_a,false,"), "{out}");
    // A flow with its factor in a method.
    let (_, out, _) = run(&["db", "show", "co2_fossil", "--model", m, "--method", "ipcc2021", "--format", "csv"]);
    assert!(out.lines().any(|l| l.starts_with("co2_fossil,ipcc2021,gwp100,1.0,")), "{out}");
    assert_error(&["db", "show", "steel_mil", "--model", m], &["`steel_mil`", "did you mean `steel_mill`"]);
}

#[test]
fn db_searches_the_shipped_database_by_default() {
    let (code, out, err) = run(&["db", "search", "华北", "--kind", "process", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["entries"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"grid_north_2023"), "{ids:?}");
    assert_eq!(v["layers"], serde_json::json!(["datasets/db"]));
}

#[test]
fn the_kettle_regions_example_moves_all_national_grid_electricity() {
    // Independent of the relink code: in the base run the national 2023 grid contributes
    // 0.5306 kg CO2 per kWh of its net supply s; relinking every use of it to Tianjin (0.7041,
    // MEE_PROV2022) or Yunnan (0.1073) changes GWP by s x (factor - 0.5306) and nothing else.
    let base = calc(&["datasets/products/kettle.toml"]);
    let grid = |cat: &str| {
        let v = &base["variants"][0];
        let top = v["top_processes"].as_array().unwrap().iter().find(|t| t["category"] == cat).unwrap();
        top["items"].as_array().unwrap().iter().find(|i| i["id"] == "grid_cn_2023").unwrap()["value"].as_f64().unwrap()
    };
    let kwh = grid("gwp100") / 0.5306;
    let (code, out, err) = run(&[
        "calc",
        "datasets/products/kettle.toml",
        "--scenarios",
        "datasets/products/kettle-regions.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cats: Vec<&str> = v["categories"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let k = |id: &str| cats.iter().position(|c| *c == id).unwrap();
    let rows = v["scenarios"].as_array().unwrap();
    let total = |row: usize, cat: &str| rows[row]["totals"][k(cat)].as_f64().unwrap();
    assert_close(total(0, "gwp100"), gwp(&base, "base"), 1e-12);
    assert_close(total(1, "gwp100"), gwp(&base, "base") + kwh * (0.7041 - 0.5306), 1e-9);
    assert_close(total(2, "gwp100"), gwp(&base, "base") + kwh * (0.1073 - 0.5306), 1e-9);
    // The grid carries CO2 only: acidification does not move.
    assert_close(total(1, "acidification"), total(0, "acidification"), 1e-12);
    // The moulding and use electricity of the product, and background uses (tap water,
    // incineration credits, recycling) are all relinked.
    assert_eq!(rows[1]["relinked"][0]["foreground"], 2);
    assert!(rows[1]["relinked"][0]["background"].as_u64().unwrap() >= 3);
    assert!(rows[0]["relinked"].is_null());
}

#[test]
fn a_layer_on_the_shipped_database() {
    // `default` is the embedded database; the layer's process uses its Tianjin grid (0.7041 kg
    // CO2/kWh, MEE_PROV2022): 2 kWh per part = 1.4082 kg CO2-eq.
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d, "mine/flows.csv", "id,name,kind,unit\nmoulded_part,Moulded part,product,kg\n");
    write(d, "mine/processes.csv", "id,name,location,category\nmy_moulding,My moulding,CN-Tianjin,plastics\n");
    write(
        d,
        "mine/exchanges.csv",
        "process,flow,direction,amount,unit,provider,reference\nmy_moulding,moulded_part,output,1,kg,,true\nmy_moulding,electricity_grid_cn,input,2,kWh,grid_tianjin_2022,\n",
    );
    write(
        d,
        "model.toml",
        "database = [\"default\", \"mine\"]\nmethods = [\"ipcc2021\"]\n[product]\nid = \"p\"\nname = \"P\"\nfunctional_unit = \"one part\"\n[[exchange]]\nid = \"part\"\nstage = \"production\"\nprovider = \"my_moulding\"\namount = 1\nunit = \"kg\"\n",
    );
    let model = d.join("model.toml");
    let r = calc(&[model.to_str().unwrap()]);
    assert_close(gwp(&r, "base"), 1.4082, 1e-12);
    assert_eq!(r["layers"][0]["path"], "datasets/db");
    // `--db` replaces the first layer only: the layer still applies on the tiny database, where
    // neither the grid flow nor grid_tianjin_2022 exists.
    let tiny = setup();
    assert_error(
        &["calc", model.to_str().unwrap(), "--db", tiny.path().join("db").to_str().unwrap()],
        &["exchanges.csv:3", "unknown flow `electricity_grid_cn`"],
    );
    let (code, out, _) = run(&["db", "show", "my_moulding", "--model", model.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("grid_tianjin_2022") && out.contains("layer: ") && out.contains("mine"), "{out}");
}

/// Monte Carlo draws a relinking variant's own background, paired with the base's draws.
/// The kettle's grid relinked to Tianjin 2022: deterministically +52.66 kg CO2-eq (222.40 against
/// 169.74, the calc of this module's scenario test), i.e. 0.17381 kg per kWh over 302.97 kWh.
/// Drawn, the kettle uses on average 5 a x E[uses] 666.7 x E[kWh] 0.1 = 333.3 kWh in use (the
/// triangular 300/600/1100 and the normal 0.1) plus about 2.7 kWh of moulding, so the mean of
/// the difference is about 0.17381 x 336.0 = 58.4; its sd over 200 paired draws is about 15, so
/// its standard error about 1.1: five of them bound the test.
#[test]
fn monte_carlo_draws_a_relinked_background() {
    let mc = |extra: &[&str], threads: &str| {
        let mut args = vec!["--threads", threads, "mc", "datasets/products/kettle.toml", "-n", "200", "--seed", "1"];
        args.extend_from_slice(&["--format", "csv"]);
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        out
    };
    let mean = |csv: &str| -> f64 {
        let row = csv.lines().find(|l| l.starts_with("base,gwp100,total,")).unwrap();
        row.split(',').nth(5).unwrap().parse().unwrap()
    };
    let relink = ["--relink", "grid_cn_2023=grid_tianjin_2022"];
    let (base, tianjin) = (mc(&[], "2"), mc(&relink, "2"));
    let diff = mean(&tianjin) - mean(&base);
    assert!((diff - 58.4).abs() < 5.5, "difference of the means {diff}");
    // The relinked background's draws depend on (seed, iteration) only.
    assert_eq!(mc(&relink, "1"), tianjin);
}
