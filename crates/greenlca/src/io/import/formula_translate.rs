//! Translation of formulas written for openLCA (and EcoSpold) into greenlca's formula syntax
//! (docs/formats.md, "Formulas").
//!
//! The source syntax: numbers (also `1.5E-3`), parameter names (case-insensitive, as in openLCA),
//! `+ - * / ^`, comparisons `= == <> != < <= > >=`, and functions with arguments separated by `;`
//! or `,`: `if`/`iif`, `and`, `or`, `not`, `min`, `max`, `sum`, `avg`, `sqr`, `pow`/`power`, `log`
//! (base 10, as in openLCA), `ln`, `exp`, `sqrt`, `abs`, `round`, `floor`, `ceil` and the
//! trigonometric functions. The formula is parsed with the usual precedence (unary minus binds less
//! tightly than `^`, so `-2^2` is -4) and written back fully parenthesized. greenlca formulas have
//! no comparisons or conditions, so they are written arithmetically: `a = b` becomes
//! `0^abs(a-b)` (1 when equal, else 0), `a > b` becomes `1-0^((a-b)+abs(a-b))`, and
//! `if(c; x; y)` becomes `c*x+(1-c)*y`. Both branches are then evaluated: a branch that is not
//! finite (a division by zero) makes the whole formula fail, which is reported.

use crate::error::{Error, ErrorKind, Location, Result};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(&'static str),
    Open,
    Close,
    Sep,
}

#[derive(Debug, Clone)]
enum Node {
    Num(f64),
    Var(String),
    Neg(Box<Node>),
    Bin(&'static str, Box<Node>, Box<Node>),
    Cmp(&'static str, Box<Node>, Box<Node>),
    Call(String, Vec<Node>),
}

/// Translates `text` into greenlca syntax; `resolve` maps a name written in the formula to the
/// parameter name to use (`None` for an unknown name).
pub fn translate(text: &str, resolve: &dyn Fn(&str) -> Option<String>, at: &Location) -> Result<String> {
    let fail = |why: String| {
        Error::new(
            ErrorKind::Formula,
            at.clone(),
            format!("formula `{}` cannot be translated: {why}", text.trim()),
            "rewrite it with + - * / ^, parentheses, parameter names and the functions of docs/import.md",
        )
    };
    let toks = tokenize(text).map_err(&fail)?;
    if toks.is_empty() {
        return Err(fail("it is empty".into()));
    }
    let mut p = Parser { toks: &toks, pos: 0 };
    let node = p.comparison().map_err(&fail)?;
    if p.pos != toks.len() {
        return Err(fail(format!("unexpected `{}`", show(&toks[p.pos]))));
    }
    emit(&node, resolve, text, at).map_err(|e| match e {
        Emit::Unknown(name) => Error::new(
            ErrorKind::Formula,
            at.clone(),
            format!("formula `{}` uses unknown parameter `{name}`", text.trim()),
            format!("define `{name}` as a parameter of the process or a global parameter, or correct the formula"),
        ),
        Emit::Other(why) => fail(why),
    })
}

fn show(t: &Tok) -> String {
    match t {
        Tok::Num(x) => format!("{x}"),
        Tok::Name(n) => n.clone(),
        Tok::Op(o) => (*o).to_string(),
        Tok::Open => "(".into(),
        Tok::Close => ")".into(),
        Tok::Sep => ";".into(),
    }
}

fn tokenize(text: &str) -> std::result::Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // An exponent: e or E, an optional sign, digits.
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    i = j;
                }
            }
            let s: String = chars[start..i].iter().collect();
            let x: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
            out.push(Tok::Num(x));
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Name(chars[start..i].iter().collect()));
            continue;
        }
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let op2 = match two.as_str() {
            "<=" => Some("<="),
            ">=" => Some(">="),
            "<>" | "!=" => Some("<>"),
            "==" => Some("="),
            "**" => Some("^"),
            _ => None,
        };
        if let Some(op) = op2 {
            out.push(Tok::Op(op));
            i += 2;
            continue;
        }
        let tok = match c {
            '+' => Tok::Op("+"),
            '-' => Tok::Op("-"),
            '*' => Tok::Op("*"),
            '/' => Tok::Op("/"),
            '^' => Tok::Op("^"),
            '=' => Tok::Op("="),
            '<' => Tok::Op("<"),
            '>' => Tok::Op(">"),
            '(' => Tok::Open,
            ')' => Tok::Close,
            ';' | ',' => Tok::Sep,
            other => return Err(format!("the character `{other}` is not supported")),
        };
        out.push(tok);
        i += 1;
    }
    Ok(out)
}

struct Parser<'t> {
    toks: &'t [Tok],
    pos: usize,
}

type PResult = std::result::Result<Node, String>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn peek_op(&self, ops: &[&'static str]) -> Option<&'static str> {
        match self.peek() {
            Some(Tok::Op(o)) if ops.contains(o) => Some(o),
            _ => None,
        }
    }
    fn comparison(&mut self) -> PResult {
        let left = self.additive()?;
        if let Some(op) = self.peek_op(&["=", "<>", "<", "<=", ">", ">="]) {
            self.pos += 1;
            let right = self.additive()?;
            return Ok(Node::Cmp(op, Box::new(left), Box::new(right)));
        }
        Ok(left)
    }
    fn additive(&mut self) -> PResult {
        let mut left = self.term()?;
        while let Some(op) = self.peek_op(&["+", "-"]) {
            self.pos += 1;
            let right = self.term()?;
            left = Node::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn term(&mut self) -> PResult {
        let mut left = self.unary()?;
        while let Some(op) = self.peek_op(&["*", "/"]) {
            self.pos += 1;
            let right = self.unary()?;
            left = Node::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn unary(&mut self) -> PResult {
        match self.peek_op(&["-", "+"]) {
            Some("-") => {
                self.pos += 1;
                Ok(Node::Neg(Box::new(self.unary()?)))
            }
            Some(_) => {
                self.pos += 1;
                self.unary()
            }
            None => self.power(),
        }
    }
    fn power(&mut self) -> PResult {
        let base = self.primary()?;
        if self.peek_op(&["^"]).is_some() {
            self.pos += 1;
            // Right-associative; the exponent may carry its own sign.
            let exp = self.unary()?;
            return Ok(Node::Bin("^", Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }
    fn primary(&mut self) -> PResult {
        match self.next() {
            Some(Tok::Num(x)) => Ok(Node::Num(x)),
            Some(Tok::Open) => {
                let e = self.comparison()?;
                match self.next() {
                    Some(Tok::Close) => Ok(e),
                    _ => Err("a `(` is not closed".into()),
                }
            }
            Some(Tok::Name(n)) => {
                if self.peek() != Some(&Tok::Open) {
                    return Ok(Node::Var(n));
                }
                self.pos += 1;
                let mut args = Vec::new();
                if self.peek() == Some(&Tok::Close) {
                    self.pos += 1;
                    return Ok(Node::Call(n, args));
                }
                loop {
                    args.push(self.comparison()?);
                    match self.next() {
                        Some(Tok::Sep) => continue,
                        Some(Tok::Close) => break,
                        _ => return Err(format!("the arguments of `{n}(` are not closed")),
                    }
                }
                Ok(Node::Call(n, args))
            }
            Some(t) => Err(format!("unexpected `{}`", show(&t))),
            None => Err("it ends too early".into()),
        }
    }
}

enum Emit {
    Unknown(String),
    Other(String),
}

fn emit(
    node: &Node,
    resolve: &dyn Fn(&str) -> Option<String>,
    text: &str,
    at: &Location,
) -> std::result::Result<String, Emit> {
    let rec = |n: &Node| emit(n, resolve, text, at);
    Ok(match node {
        // Display of f64 never uses an exponent, which greenlca formulas do not accept.
        Node::Num(x) => format!("{x}"),
        Node::Var(name) => match resolve(name) {
            Some(canonical) => canonical,
            None if name.eq_ignore_ascii_case("pi") => "PI".into(),
            None => return Err(Emit::Unknown(name.clone())),
        },
        Node::Neg(e) => format!("(-{})", rec(e)?),
        Node::Bin(op, a, b) => format!("({}{op}{})", rec(a)?, rec(b)?),
        Node::Cmp(op, a, b) => {
            let (a, b) = (rec(a)?, rec(b)?);
            match *op {
                "=" => format!("(0^abs({a}-{b}))"),
                "<>" => format!("(1-0^abs({a}-{b}))"),
                ">" => greater(&a, &b),
                "<" => greater(&b, &a),
                ">=" => format!("(1-{})", greater(&b, &a)),
                _ => format!("(1-{})", greater(&a, &b)),
            }
        }
        Node::Call(name, args) => call(&name.to_ascii_lowercase(), name, args, resolve, text, at)?,
    })
}

/// 1 when a > b, else 0.
fn greater(a: &str, b: &str) -> String {
    format!("(1-0^(({a}-{b})+abs({a}-{b})))")
}

/// 1 when the node is true (non-zero), else 0; comparisons already are.
fn truth(n: &Node, s: String) -> String {
    match n {
        Node::Cmp(..) => s,
        _ => format!("(1-0^abs({s}))"),
    }
}

fn call(
    lower: &str,
    name: &str,
    args: &[Node],
    resolve: &dyn Fn(&str) -> Option<String>,
    text: &str,
    at: &Location,
) -> std::result::Result<String, Emit> {
    let parts: Vec<String> = args.iter().map(|a| emit(a, resolve, text, at)).collect::<std::result::Result<_, _>>()?;
    let arity = |n: usize| {
        if parts.len() == n {
            Ok(())
        } else {
            Err(Emit::Other(format!("`{name}` takes {n} argument(s), not {}", parts.len())))
        }
    };
    let at_least = |n: usize| {
        if parts.len() >= n { Ok(()) } else { Err(Emit::Other(format!("`{name}` needs at least {n} argument(s)"))) }
    };
    Ok(match lower {
        "if" | "iif" => {
            arity(3)?;
            let c = truth(&args[0], parts[0].clone());
            format!("({c}*{}+(1-{c})*{})", parts[1], parts[2])
        }
        "and" => {
            at_least(1)?;
            let ts: Vec<String> = args.iter().zip(&parts).map(|(a, p)| truth(a, p.clone())).collect();
            format!("({})", ts.join("*"))
        }
        "or" => {
            at_least(1)?;
            let ts: Vec<String> =
                args.iter().zip(&parts).map(|(a, p)| format!("(1-{})", truth(a, p.clone()))).collect();
            format!("(1-{})", ts.join("*"))
        }
        "not" => {
            arity(1)?;
            format!("(1-{})", truth(&args[0], parts[0].clone()))
        }
        "min" | "max" => {
            at_least(1)?;
            let mut acc = parts[0].clone();
            for p in &parts[1..] {
                acc = format!("({acc} {lower} {p})");
            }
            acc
        }
        "sum" => {
            at_least(1)?;
            format!("({})", parts.join("+"))
        }
        "avg" => {
            at_least(1)?;
            format!("(({})/{})", parts.join("+"), parts.len())
        }
        "sqr" => {
            arity(1)?;
            format!("({}^2)", parts[0])
        }
        "pow" | "power" => {
            arity(2)?;
            format!("({}^{})", parts[0], parts[1])
        }
        "log" | "log10" => {
            arity(1)?;
            format!("log10({})", parts[0])
        }
        "ln" | "exp" | "sqrt" | "abs" | "round" | "floor" | "ceil" | "sin" | "cos" | "tan" | "asin" | "acos"
        | "atan" | "sinh" | "cosh" | "tanh" => {
            arity(1)?;
            format!("{lower}({})", parts[0])
        }
        "pi" => {
            arity(0)?;
            "PI".into()
        }
        _ => return Err(Emit::Other(format!("the function `{name}` has no greenlca equivalent"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::Formula;
    use std::collections::HashMap;

    fn eval(text: &str, vars: &[(&str, f64)]) -> Result<f64> {
        let names: HashMap<String, String> = vars.iter().map(|(n, _)| (n.to_lowercase(), n.to_string())).collect();
        let resolve = |n: &str| names.get(&n.to_lowercase()).cloned();
        let at = Location::entity("test");
        let t = translate(text, &resolve, &at)?;
        let values: HashMap<&str, f64> = vars.iter().copied().collect();
        Formula::parse(&t, &at)?.eval(|n| values.get(n).copied(), &at)
    }

    #[test]
    fn arithmetic_exponents_and_precedence() {
        assert_eq!(eval("7.72216387088646E-6*94.97/30.97", &[]).unwrap(), 7.72216387088646e-6 * 94.97 / 30.97);
        assert_eq!(eval("-2^2", &[]).unwrap(), -4.0);
        assert_eq!(eval("2^-1 + 3*a", &[("a", 2.0)]).unwrap(), 6.5);
        assert_eq!(eval("Concrete*Cement_fraction", &[("concrete", 10.0), ("Cement_Fraction", 0.5)]).unwrap(), 5.0);
        assert_eq!(eval("log(100) + ln(1) + sqr(3)", &[]).unwrap(), 11.0);
        assert_eq!(eval("max(1; 4; 2) - min(3, 2)", &[]).unwrap(), 2.0);
    }

    #[test]
    fn conditions_from_uslci() {
        let f = "if(Coaltype=1;VOC_bit;if(Coaltype=2;VOC_subbit;if(Coaltype=3;VOC_lig;0)))";
        for (t, v) in [(1.0, 10.0), (2.0, 20.0), (3.0, 30.0), (4.0, 0.0)] {
            let vars = [("Coaltype", t), ("VOC_bit", 10.0), ("VOC_subbit", 20.0), ("VOC_lig", 30.0)];
            assert_eq!(eval(f, &vars).unwrap(), v);
        }
        let g = "IF(x-0.5>0.04;x-0.5;0.04)";
        assert_eq!(eval(g, &[("x", 1.0)]).unwrap(), 0.5);
        assert_eq!(eval(g, &[("x", 0.5)]).unwrap(), 0.04);
        assert_eq!(eval("if(a <= 2; 1; 0) + if(a >= 3; 10; 0) + if(a <> 2; 100; 0)", &[("a", 2.0)]).unwrap(), 1.0);
        assert_eq!(eval("and(a > 1; a < 3) + or(a = 0; 0) + not(a)", &[("a", 2.0)]).unwrap(), 1.0);
    }

    #[test]
    fn unknown_names_and_functions_are_errors() {
        let e = eval("a * b", &[("a", 1.0)]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Formula);
        assert!(e.message.contains("unknown parameter `b`"), "{e}");
        let e = eval("Ref('x')", &[]).unwrap_err();
        assert!(e.message.contains("cannot be translated"), "{e}");
        let e = eval("foo(2)", &[]).unwrap_err();
        assert!(e.message.contains("`foo`"), "{e}");
        assert!(eval("(1 + 2", &[]).is_err());
    }
}
