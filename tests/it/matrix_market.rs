//! Matrix Market files through the file system, and read by SciPy (the peer environment; CI has it).

use greenlca::io::matrices::read_csc;

use greenlca::io::matrices::write_mtx;
use sprs::{CsMat, TriMat};

#[test]
fn file_round_trip_and_scipy_reads_the_same_values() {
    let mut t = TriMat::new((3, 3));
    t.add_triplet(0, 0, 1.0);
    t.add_triplet(2, 0, -1.0 / 3.0);
    t.add_triplet(1, 2, 2.5e-17);
    t.add_triplet(2, 2, -1.0);
    let a: CsMat<f64> = t.to_csc();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("A.mtx");
    write_mtx(&path, a.view()).unwrap();
    assert_eq!(read_csc(&path).unwrap(), a);

    // SciPy of the peer environment (GREENLCA_PEER_PYTHON, set in CI) reads the same values.
    let Some(python) = crate::common::peer_python() else { return };
    let script = "import sys, scipy.io; m = scipy.io.mmread(sys.argv[1]).toarray(); \
                  print(repr([m[0,0], m[2,0], m[1,2], m[2,2]]))";
    let out = std::process::Command::new(python).args(["-c", script, path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let got: Vec<f64> = text
        .trim()
        .trim_matches(['[', ']'])
        .split(',')
        .map(|s| s.trim().trim_start_matches("np.float64(").trim_end_matches(')'))
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(got, vec![1.0, -1.0 / 3.0, 2.5e-17, -1.0]);
}
