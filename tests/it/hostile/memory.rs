//! Large or hostile sizes: an archive whose entries add up past the total cap, and Monte Carlo
//! counts whose draws cannot fit in memory, refused before the work.

use crate::common::{assert_error, import::zip_entries};

#[test]
fn many_entries_just_under_the_cap_are_refused_together() {
    // 20 entries of 1,000,000 bytes each, under the 1 MiB entry cap; together 20 MB, over the
    // total cap of 16 MiB (16 x 1,048,576 = 16,777,216 bytes), reached at the 17th entry.
    let pad = vec![b' '; 1_000_000];
    let names: Vec<String> = (0..20).map(|i| format!("a{i:02}.spold")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), pad.as_slice())).collect();
    let zip = zip_entries(&entries);
    let d = tempfile::tempdir().unwrap();
    let to = d.path().join("db");
    let z = zip.path().display().to_string();
    assert_error(
        &["import", &z, "--to", &to.display().to_string(), "--max-entry-mib", "1"],
        &["a16.spold", "17000000 bytes", "16777216", "--max-entry-mib"],
    );
    assert!(!to.exists());
}

#[test]
fn an_absurd_monte_carlo_count_is_refused_before_the_run() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("mc.json");
    let start = std::time::Instant::now();
    assert_error(
        &["mc", "datasets/products/paint.toml", "-n", "100000000000", "--out", &out.display().to_string()],
        &["100000000000 iterations", "GiB of draws", "--shard"],
    );
    assert!(start.elapsed().as_secs() < 60, "refused only after {:?}", start.elapsed());
    assert!(!out.exists());
}
