//! The grammar tables and walks against tree-sitter's own answers.

use super::*;

fn parse(language: &Language, src: &str) -> tree_sitter::Tree {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(language).unwrap();
    parser.parse(src, None).unwrap()
}

/// Every node of the tree, anonymous, error and missing ones included.
fn all_nodes(tree: &tree_sitter::Tree) -> Vec<Node<'_>> {
    nodes_under(tree.root_node())
}

fn nodes_under(root: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        out.push(n);
        let mut cursor = n.walk();
        stack.extend(n.children(&mut cursor));
    }
    out
}

/// The tables answer exactly what tree-sitter's own field lookup answers, for every node and
/// part name, recorded or not (odd spacing, comments and errors included).
#[test]
fn node_parts_answer_like_the_tree() {
    let cases: [(Language, &Grammar, &str, &str, &str); 2] = [
        (
            tree_sitter_python::LANGUAGE.into(),
            Grammar::python(),
            "attribute",
            "call",
            "x = a.b(c).d ( e ,  # note\n f.g)\nh(i.\n j)\nk.(\n",
        ),
        (
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::typescript(false),
            "property",
            "call_expression",
            "const x = a.b(c).d ( e , /* note */ f.g);\nh(i.\n j);\nnew K(l).m;\nn.(;\n",
        ),
    ];
    for (language, grammar, member_field, call_kind, src) in cases {
        let tree = parse(&language, src);
        let mut parts = NodeParts::new(grammar, member_field);
        let nodes = all_nodes(&tree);
        let member_kind = if member_field == "attribute" {
            "attribute"
        } else {
            "member_expression"
        };
        let (mut calls, mut members) = (0, 0);
        for &n in &nodes {
            if n.kind() == call_kind {
                parts.record_call(n, 0);
                calls += 1;
            } else if n.kind() == member_kind && parts.record_member(n).is_some() {
                members += 1;
            }
        }
        assert!(
            calls >= 3 && members >= 4,
            "{src:?}: {calls} calls, {members} members"
        );
        for &n in &nodes {
            for name in ["function", "arguments", "object", member_field, "name"] {
                assert_eq!(
                    parts.field(n, name),
                    n.child_by_field_name(name),
                    "{name} of {} in {src:?}",
                    n.to_sexp()
                );
            }
        }
    }
}

#[test]
fn descend_visits_every_node_in_order_with_its_field() {
    let language: Language = tree_sitter_python::LANGUAGE.into();
    let tree = parse(&language, "f(a.b, (c  # note\n  ).d)\n");
    let call = tree.root_node().child(0).unwrap().child(0).unwrap();
    let show = |n: Node<'_>, field: Option<NonZeroU16>| {
        let field = field.and_then(|id| language.field_name_for_id(id.get()));
        format!("{}:{}", n.kind_name(), field.unwrap_or("-"))
    };
    let mut everything = Vec::new();
    descend(call, |n, field| {
        everything.push((n.start_byte(), show(n, field)));
        true
    });
    assert_eq!(everything.len(), nodes_under(call).len());
    assert!(everything.is_sorted_by_key(|(start, _)| *start));
    let shown: Vec<&str> = everything.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(
        shown[..7],
        [
            "call:-",
            "identifier:function",
            "argument_list:arguments",
            "(:-",
            "attribute:-",
            "identifier:object",
            ".:-"
        ]
    );
    assert!(shown.contains(&"comment:-"));

    // Not entering `a.b` and `(c).d` skips their parts, the comment included.
    let mut outer = Vec::new();
    descend(call, |n, field| {
        outer.push(show(n, field));
        n.kind_name() != "attribute"
    });
    assert_eq!(
        outer,
        [
            "call:-",
            "identifier:function",
            "argument_list:arguments",
            "(:-",
            "attribute:-",
            ",:-",
            "attribute:-",
            "):-"
        ]
    );
}

#[test]
fn grammar_tables_agree_with_tree_sitter() {
    let cases: [(Language, &str); 3] = [
        (
            tree_sitter_python::LANGUAGE.into(),
            "import os\n@dec\ndef f(a: int = 1, *b, **c) -> str:\n    return f\"{a!r}\" + 'x'\nclass C(B):\n    x = lambda q: q.y[0]\nif (:\n  print(\"unterminated\n",
        ),
        (
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            "import { a as b } from 'm';\nexport const f = async <T,>(x: T): Promise<T> => x?.y ?? `${x}`;\nclass K extends L { static z = 1; #p = 2; m() { return this.#p } }\nlet q = (1 + ;\n",
        ),
        (
            tree_sitter_typescript::LANGUAGE_TSX.into(),
            "const e = <div onClick={() => go(1)}>{items.map(i => <b key={i}/>)}</div>;\nfunction g(",
        ),
    ];
    for (language, src) in cases {
        let tree = parse(&language, src);
        let nodes = all_nodes(&tree);
        assert!(nodes.iter().any(|n| n.is_error() || n.is_missing()));
        for n in nodes {
            let grammar = Grammar::of(n).expect("one of the linked grammars");
            assert_eq!(grammar.kind(n), n.kind());
            assert_eq!(n.kind_name(), n.kind());
        }
        let grammar = Grammar::of(tree.root_node()).unwrap();
        for id in 1..=language.field_count() as u16 {
            let name = language.field_name_for_id(id).unwrap();
            assert_eq!(grammar.field_id(name).map(NonZeroU16::get), Some(id));
            assert_eq!(
                language.field_id_for_name(name).map(NonZeroU16::get),
                Some(id)
            );
        }
        assert_eq!(grammar.field_id("no_such_field"), None);
    }
}

#[test]
fn grammars_are_told_apart() {
    let py = parse(&tree_sitter_python::LANGUAGE.into(), "x = 1\n");
    let ts = parse(
        &tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        "x = 1;\n",
    );
    let tsx = parse(&tree_sitter_typescript::LANGUAGE_TSX.into(), "x = 1;\n");
    let of = |t: &tree_sitter::Tree| Grammar::of(t.root_node()).map(|g| g as *const Grammar);
    assert_eq!(of(&py), Some(Grammar::python() as *const Grammar));
    assert_eq!(of(&ts), Some(Grammar::typescript(false) as *const Grammar));
    assert_eq!(of(&tsx), Some(Grammar::typescript(true) as *const Grammar));
}

#[test]
fn names_composio_host_ignores_case() {
    assert!(names_composio_host("https://backend.COMPOSIO.dev/api/v3"));
    assert!(!names_composio_host("composio.de"));
    assert!(!names_composio_host(""));
}

/// The walks do not step into clean strings, but must still see errors inside one.
#[test]
fn errors_inside_strings_are_still_syntax_errors() {
    let src = "const x = \"ab\ncd\";\n";
    let ts = crate::lang::typescript::analyze(src, false, &[]);
    let inside = src.find("cd").unwrap();
    assert!(
        ts.syntax_errors.iter().any(|e| e.start == inside),
        "{:?}",
        ts.syntax_errors
    );
    // The parser closes the second string with a missing (empty) `string_end`.
    let py = crate::lang::python::analyze("x = 'ab\n';\n", &[]);
    assert!(
        py.syntax_errors.iter().any(|e| e.is_empty()),
        "{:?}",
        py.syntax_errors
    );
    let clean = crate::lang::python::analyze("x = \"abc\"\ny = b'q' rb\"z\"\n", &[]);
    assert!(clean.syntax_errors.is_empty());
}

/// Interpolations are code: f-strings and t-strings (PEP 750) are walked, other strings
/// are not.
#[test]
fn interpolated_strings_are_walked() {
    let src = "from composio import Composio\nc = Composio()\n\
               a = t\"{c.tool_router.create(user_id='u1')}\"\n\
               b = Rf'{c.tool_router.create(user_id=\"u2\")}'\n\
               d = b'c.tool_router.create(user_id=\"u3\")'\n";
    let model = crate::lang::python::analyze(src, &[]);
    let calls: Vec<&str> = model
        .sessions
        .iter()
        .map(|s| &src[s.call.clone()])
        .collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls.iter().all(|c| !c.contains("u3")));
}

/// A class body the parser had to close is a syntax error (the members are visited one
/// by one, the missing brace among them).
#[test]
fn unclosed_class_body_is_a_syntax_error() {
    let ts = crate::lang::typescript::analyze("class A {\n  m() {}\n", false, &[]);
    assert!(!ts.syntax_errors.is_empty());
}
