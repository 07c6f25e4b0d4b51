//! Formulas over parameters (exmex, MIT/Apache) and the evaluation of parameter sets in dependency
//! order, with unknown names and cycles reported where they are defined.

use std::collections::{HashMap, HashSet};

use exmex::prelude::*;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::Parameter;

/// A parsed formula.
#[derive(Debug, Clone)]
pub struct Formula {
    text: String,
    expr: FlatEx<f64>,
    vars: Vec<String>,
}

impl Formula {
    /// Parses `text`; `**` is accepted for powers (Brightway style) besides `^`.
    pub fn parse(text: &str, at: &Location) -> Result<Formula> {
        let normalized = text.trim().replace("**", "^");
        if normalized.is_empty() {
            return Err(Error::new(
                ErrorKind::Formula,
                at.clone(),
                "empty formula",
                "give an expression such as `2 * mass`, or leave the column empty and give an amount",
            ));
        }
        let expr = FlatEx::<f64>::parse(&normalized).map_err(|e| {
            Error::new(
                ErrorKind::Formula,
                at.clone(),
                format!("formula `{}` does not parse: {}", text.trim(), plain_parse_error(&e.to_string())),
                "use numbers, parameter names, + - * / ^, parentheses and functions such as exp, ln, sqrt, abs",
            )
        })?;
        let vars = expr.var_names().iter().map(|s| s.to_string()).collect();
        Ok(Formula { text: text.trim().to_string(), expr, vars })
    }

    /// Names the formula uses, in alphabetical order.
    pub fn variables(&self) -> &[String] {
        &self.vars
    }

    /// Evaluates with values from `lookup`; an unknown name or a non-finite result is an error.
    pub fn eval(&self, lookup: impl Fn(&str) -> Option<f64>, at: &Location) -> Result<f64> {
        let mut values = Vec::with_capacity(self.vars.len());
        for v in &self.vars {
            match lookup(v) {
                Some(x) => values.push(x),
                None => {
                    return Err(Error::new(
                        ErrorKind::Formula,
                        at.clone(),
                        format!("formula `{}` uses unknown parameter `{v}`", self.text),
                        format!("define `{v}` as a parameter, or correct the spelling"),
                    ));
                }
            }
        }
        let x = self.expr.eval(&values).map_err(|e| {
            Error::new(
                ErrorKind::Formula,
                at.clone(),
                format!("formula `{}` cannot be evaluated: {e}", self.text),
                "check the formula",
            )
        })?;
        if !x.is_finite() {
            return Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("formula `{}` gives {x}", self.text),
                "check for a division by zero or a logarithm of a non-positive number",
            ));
        }
        Ok(x)
    }
}

/// True when `name` can stand in a formula as itself: letters, digits and `_`, and neither a
/// built-in constant (`e`, `E`, `PI`, `TAU`) nor read as a function (`min...`, `max...`, `atan2...`).
pub fn is_usable_name(name: &str) -> bool {
    crate::model::parameter::is_valid_name(name)
        && Formula::parse(name, &Location::default())
            .is_ok_and(|f| f.variables().len() == 1 && f.variables()[0] == name)
}

/// The parser's message in the user's words (its own wording speaks of nodes and ops).
fn plain_parse_error(msg: &str) -> String {
    let m = msg.to_lowercase();
    if m.contains("parenthes") {
        "the parentheses do not match".into()
    } else if m.contains("node") && m.contains("op") {
        "an operator is missing between two values, or a function has too few arguments (write `3 * x`, not `3 x`)"
            .into()
    } else if m.contains("last element cannot be an operator") {
        "it ends with an operator".into()
    } else if m.contains("first element") {
        "it starts with an operator".into()
    } else if let Some(rest) = msg.split("parse ").nth(1).filter(|_| m.contains("don't know how to parse")) {
        format!("`{}` is not a number, a parameter name, an operator or a known function", rest.trim())
    } else {
        "it is not a valid expression".into()
    }
}

/// The error for a parameter name that formulas cannot use.
pub fn unusable_name(name: &str, at: Location) -> Error {
    Error::new(
        ErrorKind::Value,
        at,
        format!("parameter name `{name}` cannot be used in formulas"),
        format!(
            "use letters, digits and _, not starting with a digit; `e`, `E`, `PI` and `TAU` are constants and names starting with `min`, `max` or `atan2` read as functions, so rename it (e.g. `p_{name}`)"
        ),
    )
}

/// Values of evaluated parameters, with an optional enclosing scope.
#[derive(Debug, Clone, Default)]
pub struct Env {
    values: HashMap<String, f64>,
}

impl Env {
    /// The value of `name`, if defined.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.values.get(name).copied()
    }
    /// Defines or replaces a value.
    pub fn insert(&mut self, name: &str, value: f64) {
        self.values.insert(name.to_string(), value);
    }
    /// All names and values, sorted by name.
    pub fn sorted(&self) -> Vec<(String, f64)> {
        let mut v: Vec<_> = self.values.iter().map(|(k, v)| (k.clone(), *v)).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
    /// True when no value is defined.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Evaluates `params` (one scope) in dependency order. Values in `overrides` replace the value or
/// formula of a parameter of the same name; names not found in this scope are looked up in `outer`.
pub fn evaluate(params: &[&Parameter], overrides: &HashMap<String, f64>, outer: Option<&Env>) -> Result<Env> {
    let mut formulas: HashMap<&str, (Formula, &Parameter)> = HashMap::new();
    let mut env = Env::default();
    let mut seen: HashMap<&str, &Parameter> = HashMap::new();
    for p in params {
        if let Some(first) = seen.insert(p.name.as_str(), p) {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                p.origin.clone(),
                format!("parameter `{}` is defined twice (first at {})", p.name, first.origin),
                "remove or rename one of them",
            ));
        }
        if let Some(v) = overrides.get(&p.name) {
            env.insert(&p.name, *v);
        } else if let Some(f) = &p.formula {
            formulas.insert(p.name.as_str(), (Formula::parse(f, &p.origin)?, p));
        } else if let Some(v) = p.value {
            if !v.is_finite() {
                return Err(Error::new(
                    ErrorKind::Value,
                    p.origin.clone(),
                    format!("parameter `{}` is {v}", p.name),
                    "give a finite number",
                ));
            }
            env.insert(&p.name, v);
        } else {
            return Err(Error::new(
                ErrorKind::Value,
                p.origin.clone(),
                format!("parameter `{}` has neither a value nor a formula", p.name),
                "give `value` or `formula`",
            ));
        }
    }
    // Depth-first evaluation of the formulas, with the path kept to name a cycle.
    let mut names: Vec<&str> = formulas.keys().copied().collect();
    names.sort_unstable();
    let mut done: HashSet<&str> = HashSet::new();
    for name in names {
        eval_from(name, &formulas, outer, &mut env, &mut done)?;
    }
    Ok(env)
}

/// Evaluates `root` after the formulas it depends on. The depth-first walk keeps its own stack
/// (a frame per parameter on the path, with the next variable to visit), so that a chain of tens
/// of thousands of formulas cannot overflow the thread's stack.
fn eval_from<'a>(
    root: &'a str,
    formulas: &'a HashMap<&'a str, (Formula, &'a Parameter)>,
    outer: Option<&Env>,
    env: &mut Env,
    done: &mut HashSet<&'a str>,
) -> Result<()> {
    if done.contains(root) {
        return Ok(());
    }
    let mut stack: Vec<(&'a str, usize)> = vec![(root, 0)];
    let mut on_path: HashSet<&'a str> = HashSet::from([root]);
    while let Some(&mut (name, ref mut next)) = stack.last_mut() {
        let (formula, param) = &formulas[name];
        let vars = formula.variables();
        if let Some(v) = vars.get(*next) {
            *next += 1;
            let Some((&dep, _)) = formulas.get_key_value(v.as_str()) else { continue };
            if done.contains(dep) {
                continue;
            }
            if on_path.contains(dep) {
                let pos = stack.iter().position(|(p, _)| *p == dep).unwrap_or(0);
                let mut cycle: Vec<&str> = stack[pos..].iter().map(|(p, _)| *p).collect();
                cycle.push(dep);
                return Err(Error::new(
                    ErrorKind::Formula,
                    formulas[dep].1.origin.clone(),
                    format!("parameters depend on each other in a cycle: {}", cycle.join(" -> ")),
                    "give one of them a value instead of a formula",
                ));
            }
            on_path.insert(dep);
            stack.push((dep, 0));
            continue;
        }
        let x = formula.eval(|v| env.get(v).or_else(|| outer.and_then(|o| o.get(v))), &param.origin)?;
        env.insert(name, x);
        done.insert(name);
        on_path.remove(name);
        stack.pop();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formula_param(name: &str, f: &str, line: usize) -> Parameter {
        let mut p = Parameter::value(name, 0.0);
        p.value = None;
        p.formula = Some(f.into());
        p.origin = Location::line("model.toml", line);
        p
    }

    #[test]
    fn evaluates_in_dependency_order_with_overrides() {
        let a = Parameter::value("a", 2.0);
        let b = formula_param("b", "a * c + 1", 3);
        let c = formula_param("c", "a ** 2", 4);
        let env = evaluate(&[&b, &c, &a], &HashMap::new(), None).unwrap();
        assert_eq!(env.get("c"), Some(4.0));
        assert_eq!(env.get("b"), Some(9.0));
        let env = evaluate(&[&b, &c, &a], &HashMap::from([("c".to_string(), 10.0)]), None).unwrap();
        assert_eq!(env.get("b"), Some(21.0));
    }

    #[test]
    fn reports_cycles_unknown_names_and_syntax_with_the_line() {
        let x = formula_param("x", "y + 1", 7);
        let y = formula_param("y", "2 * x", 8);
        let e = evaluate(&[&x, &y], &HashMap::new(), None).unwrap_err();
        assert!(e.message.contains("x -> y -> x"), "{e}");
        assert_eq!(e.at.line, Some(7));

        let z = formula_param("z", "w * 2", 9);
        let e = evaluate(&[&z], &HashMap::new(), None).unwrap_err();
        assert!(e.message.contains("unknown parameter `w`") && e.at.line == Some(9), "{e}");

        let bad = formula_param("bad", "2 * (3 +", 10);
        let e = evaluate(&[&bad], &HashMap::new(), None).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Formula);
        assert_eq!(e.at.line, Some(10));
    }

    #[test]
    fn names_that_formulas_would_misread_are_not_usable() {
        for bad in ["e", "E", "PI", "TAU", "mine_life", "max_load", "atan2x", "2x", "a-b"] {
            assert!(!is_usable_name(bad), "{bad}");
        }
        for good in ["x", "exp_rate", "lifetime_years", "x_min", "ex", "pie"] {
            assert!(is_usable_name(good), "{good}");
        }
    }

    #[test]
    fn outer_scope_is_visible() {
        let mut outer = Env::default();
        outer.insert("g", 3.0);
        let p = formula_param("p", "g / 2", 1);
        assert_eq!(evaluate(&[&p], &HashMap::new(), Some(&outer)).unwrap().get("p"), Some(1.5));
    }
}
