//! A seeded generator of LCA-like technology matrices
//! and a dense reference solve.

use nalgebra::{DMatrix, DVector};
use sprs::{CsMat, TriMat};

/// SplitMix64: a tiny seeded generator, so the fixtures never change with a crate's version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Options of [`lca_matrix`].
#[derive(Debug, Clone, Copy)]
pub struct GenOptions {
    pub n: usize,
    /// Mean number of inputs per process.
    pub inputs: usize,
    /// Probability that an input comes from downstream (creates loops).
    pub p_back: f64,
    /// Probability that an off-diagonal entry is a co-product (positive).
    pub p_coproduct: f64,
    /// Probability that a process is a waste treatment (diagonal -1).
    pub p_waste: f64,
}

impl GenOptions {
    pub fn new(n: usize) -> Self {
        GenOptions { n, inputs: 4, p_back: 0.05, p_coproduct: 0.05, p_waste: 0.05 }
    }
}

/// A productive LCA-like technology matrix: diagonal +-1, inputs mostly from upstream
/// (lower-index) processes, a few from downstream (loops), some positive co-products; each
/// column's off-diagonal magnitudes sum to less than 0.9, so the matrix is column diagonally
/// dominant and nonsingular.
pub fn lca_matrix(seed: u64, o: GenOptions) -> CsMat<f64> {
    let mut rng = Rng::new(seed);
    let n = o.n;
    let mut t = TriMat::new((n, n));
    for j in 0..n {
        let d = if rng.unit() < o.p_waste { -1.0 } else { 1.0 };
        t.add_triplet(j, j, d);
        if n == 1 {
            continue;
        }
        let k = rng.below(2 * o.inputs + 1);
        let budget = 0.9 * rng.unit();
        let weights: Vec<f64> = (0..k).map(|_| rng.unit() + 0.01).collect();
        let total: f64 = weights.iter().sum();
        let mut used = std::collections::BTreeSet::new();
        for w in weights {
            let back = rng.unit() < o.p_back;
            let i = if back && j + 1 < n {
                j + 1 + rng.below(n - j - 1)
            } else if j > 0 {
                rng.below(j)
            } else {
                continue;
            };
            if !used.insert(i) {
                continue;
            }
            let mag = budget * w / total;
            let v = if rng.unit() < o.p_coproduct { mag } else { -mag };
            t.add_triplet(i, j, v);
        }
    }
    t.to_csc()
}

/// Same pattern, values multiplied by lognormal-like factors (a Monte Carlo draw); diagonals kept.
pub fn perturb(a: &CsMat<f64>, seed: u64, sigma: f64) -> CsMat<f64> {
    let mut rng = Rng::new(seed);
    let mut b = a.clone();
    let (indptr, indices) = (b.indptr().to_proper().to_vec(), b.indices().to_vec());
    let data = b.data_mut();
    for j in 0..indptr.len() - 1 {
        for p in indptr[j]..indptr[j + 1] {
            if indices[p] != j {
                // Keep dominance: shrink or grow by at most 10%.
                data[p] *= 1.0 + sigma * (2.0 * rng.unit() - 1.0);
            }
        }
    }
    b
}

pub fn dense(a: &CsMat<f64>) -> DMatrix<f64> {
    let mut m = DMatrix::zeros(a.rows(), a.cols());
    for (&v, (i, j)) in a.iter() {
        m[(i, j)] += v;
    }
    m
}

/// Dense LU reference solution of `a x = b` (or `a^T x = b`).
pub fn dense_solve(a: &CsMat<f64>, b: &[f64], transpose: bool) -> Vec<f64> {
    let mut m = dense(a);
    if transpose {
        m = m.transpose();
    }
    let x = m.lu().solve(&DVector::from_column_slice(b)).expect("reference matrix is nonsingular");
    x.as_slice().to_vec()
}

/// `max |x - y| / max |y|`.
pub fn rel_diff(x: &[f64], y: &[f64]) -> f64 {
    let num = x.iter().zip(y).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    let den = y.iter().map(|v| v.abs()).fold(0.0, f64::max);
    if num == 0.0 { 0.0 } else { num / den }
}

/// A random right-hand side with a few nonzeros.
pub fn rhs(seed: u64, n: usize) -> Vec<f64> {
    let mut rng = Rng::new(seed ^ 0xABCD);
    (0..n).map(|_| if rng.unit() < 0.3 { rng.unit() * 10.0 - 2.0 } else { 0.0 }).collect()
}

/// CSC matrix from (row, col, value) triplets.
pub fn from_triplets(n: usize, entries: &[(usize, usize, f64)]) -> CsMat<f64> {
    let mut t = TriMat::new((n, n));
    for &(i, j, v) in entries {
        t.add_triplet(i, j, v);
    }
    t.to_csc()
}

/// A nonsingular matrix whose diagonal is a poor pivot: the rows of a dominant LCA matrix shuffled
/// (pivoting must find the dominant entries), plus tiny diagonal entries where the shuffle left
/// none (every column needs one).
pub fn shuffled_rows(seed: u64, o: GenOptions) -> CsMat<f64> {
    let m = lca_matrix(seed, o);
    let n = o.n;
    let mut rng = Rng::new(seed ^ 0x5EED);
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        perm.swap(i, rng.below(i + 1));
    }
    let mut t = TriMat::new((n, n));
    let mut has_diag = vec![false; n];
    for (&v, (i, j)) in m.iter() {
        let r = perm[i];
        t.add_triplet(r, j, v);
        has_diag[j] |= r == j;
    }
    for (j, &d) in has_diag.iter().enumerate() {
        if !d {
            t.add_triplet(j, j, 1e-9 * (1.0 + rng.unit()));
        }
    }
    t.to_csc()
}
