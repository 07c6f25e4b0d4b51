//! Section 11: what is needed to reproduce the report — version, command, the SHA-256 of every
//! input file, methods, parameter values, variant and date.

use std::path::{Component, Path, PathBuf};

use super::context::Context;
use super::types::*;

/// `path` without `.` and `dir/..` components (lexically), relative to `base` when inside it.
pub fn display_path(path: &Path, base: Option<&Path>) -> String {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let shown = match base {
        Some(b) if out.is_absolute() => out.strip_prefix(b).map(Path::to_path_buf).unwrap_or(out),
        _ => out,
    };
    shown.to_string_lossy().replace('\\', "/")
}

pub(super) fn section(ctx: &Context<'_>) -> Reproduction {
    let base = ctx.options.base_dir.as_deref();
    let model = &ctx.study.inputs.model;
    let files = ctx.study.inputs.files.iter().chain(ctx.spec.iter().flat_map(|s| s.files.iter()));
    let variant = model.variant(&ctx.result.variant);
    let overridden = |name: &str| {
        ctx.options.sets.iter().any(|(n, _)| n == name) || variant.is_some_and(|v| v.set.iter().any(|(n, _)| n == name))
    };
    Reproduction {
        greenlca_version: env!("CARGO_PKG_VERSION").into(),
        command: ctx.options.command.clone(),
        inputs: files
            .map(|f| InputRecord { role: f.role.clone(), path: display_path(&f.path, base), sha256: f.sha256.clone() })
            .collect(),
        methods: ctx.study.inputs.methods.iter().map(|m| format!("{} {}", m.id, m.version)).collect(),
        variant: ctx.result.variant.clone(),
        sets: ctx.options.sets.clone(),
        parameters: ctx
            .fg
            .parameters
            .iter()
            .map(|(name, value)| ParameterValue {
                name: name.clone(),
                value: *value,
                unit: model.parameters.iter().find(|p| p.name == *name).and_then(|p| p.unit.clone()),
                overridden: overridden(name),
            })
            .collect(),
        unlinked_policy: ctx.study.system.links.policy.as_str().into(),
        date: ctx.options.date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(display_path(Path::new("datasets/products/../db/flows.csv"), None), "datasets/db/flows.csv");
        assert_eq!(display_path(Path::new("./a/./b"), None), "a/b");
        assert_eq!(display_path(Path::new("../x"), None), "../x");
        assert_eq!(display_path(Path::new("/repo/datasets/x.toml"), Some(Path::new("/repo"))), "datasets/x.toml");
        assert_eq!(display_path(Path::new("/other/x.toml"), Some(Path::new("/repo"))), "/other/x.toml");
    }
}
