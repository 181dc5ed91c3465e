//! The memo table behind the tree-sitter front ends' value resolvers.
//!
//! A resolver evaluates an expression node to the set of abstract values it may hold, following
//! names to their assignments, which can loop back on themselves (`q = q.where(...)`) and can
//! nest without bound in generated code. Evaluation cuts a cycle short where it meets a node
//! already in progress, and gives up past `MAX_DEPTH`. A result computed under such a cut is
//! only valid while the node it was cut at is still in progress, so each result records the
//! outermost stack position it depends on (Tarjan's "low link"):
//!
//! - when the node at that position finishes, its own result is as complete as a fresh
//!   evaluation from the top would make it, and is kept for good;
//! - results computed inside it are kept *provisionally* until then, and dropped when it
//!   finishes, since they lack what the rest of the cycle contributes.
//!
//! Without the provisional entries, every node above a cut is re-evaluated on each visit, and a
//! resolver that looks at a call's receiver twice (once for the session check, once for the
//! callee's value) does exponential work on a long method chain. A depth cut depends on the
//! outermost evaluation, position 0.

use rustc_hash::FxHashMap;
use std::hash::Hash;

const MAX_DEPTH: usize = 40;

/// What a memo entry is for. A name is looked up the same way from anywhere in one scope (the
/// resolvers are flow-insensitive), so all its uses there share one entry; besides saving work,
/// that turns `q = q.where(..)` repeated on N lines into one cycle instead of N interlocked ones.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key<'t> {
    Node(usize),
    Name(usize, &'t str),
}

pub struct EvalMemo<'t, V> {
    done: FxHashMap<Key<'t>, Vec<V>>,
    /// Results that depend on the node at stack position `low`, and the keys filed under each
    /// position, to drop them when that node finishes.
    provisional: FxHashMap<Key<'t>, (Vec<V>, usize)>,
    provisional_by_low: Vec<Vec<Key<'t>>>,
    /// Stack position of each node in progress.
    in_progress: FxHashMap<Key<'t>, usize>,
    /// The lowest position each frame on the stack depends on (`usize::MAX`: none).
    lows: Vec<usize>,
}

/// Handed out by [`EvalMemo::enter`] and given back to [`EvalMemo::leave`].
pub struct Visit<'t> {
    node: Key<'t>,
}

impl<'t, V: Clone + PartialEq> EvalMemo<'t, V> {
    pub fn new() -> Self {
        EvalMemo {
            done: FxHashMap::default(),
            provisional: FxHashMap::default(),
            provisional_by_low: Vec::new(),
            in_progress: FxHashMap::default(),
            lows: Vec::new(),
        }
    }

    fn depends_on(&mut self, position: usize) {
        if let Some(low) = self.lows.last_mut() {
            *low = (*low).min(position);
        }
    }

    /// `Err(values)` when the node's value is already known, or evaluating it now would loop or
    /// go too deep (then the values are empty); otherwise the caller evaluates the node and
    /// hands the result to [`EvalMemo::leave`].
    pub fn enter(&mut self, node: Key<'t>) -> Result<Visit<'t>, Vec<V>> {
        if let Some(v) = self.done.get(&node) {
            return Err(v.clone());
        }
        if let Some((v, low)) = self.provisional.get(&node) {
            let (v, low) = (v.clone(), *low);
            self.depends_on(low);
            return Err(v);
        }
        if let Some(&position) = self.in_progress.get(&node) {
            self.depends_on(position);
            return Err(Vec::new());
        }
        if self.lows.len() >= MAX_DEPTH {
            self.depends_on(0);
            return Err(Vec::new());
        }
        self.in_progress.insert(node, self.lows.len());
        self.lows.push(usize::MAX);
        Ok(Visit { node })
    }

    pub fn leave(&mut self, visit: Visit<'t>, mut values: Vec<V>) -> Vec<V> {
        values.dedup();
        let low = self.lows.pop().expect("leave matches enter");
        let position = self.lows.len();
        self.in_progress.remove(&visit.node);
        for stale in self
            .provisional_by_low
            .drain(position.min(self.provisional_by_low.len())..)
        {
            for key in stale {
                self.provisional.remove(&key);
            }
        }
        if low >= position {
            self.done.insert(visit.node, values.clone());
        } else {
            self.depends_on(low);
            if self.provisional_by_low.len() <= low {
                self.provisional_by_low.resize_with(low + 1, Vec::new);
            }
            self.provisional_by_low[low].push(visit.node);
            self.provisional.insert(visit.node, (values.clone(), low));
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy resolver over a graph: each node's value is its own label plus the values of its
    /// successors, and every node is looked at twice the way the front ends look at a call's
    /// receiver.
    struct Graph {
        edges: Vec<Vec<usize>>,
        memo: EvalMemo<'static, usize>,
        evaluations: usize,
    }

    impl Graph {
        fn eval(&mut self, n: usize) -> Vec<usize> {
            let visit = match self.memo.enter(Key::Node(n)) {
                Ok(v) => v,
                Err(known) => return known,
            };
            self.evaluations += 1;
            let mut out = vec![n];
            for m in self.edges[n].clone() {
                out.extend(self.eval(m));
                out.extend(self.eval(m));
            }
            out.sort();
            self.memo.leave(visit, out)
        }
    }

    fn graph(edges: Vec<Vec<usize>>) -> Graph {
        Graph {
            edges,
            memo: EvalMemo::new(),
            evaluations: 0,
        }
    }

    #[test]
    fn a_chain_past_the_depth_limit_is_evaluated_once_per_node() {
        let n = 200;
        let mut g = graph(
            (0..n)
                .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
                .collect(),
        );
        let top = g.eval(0);
        assert_eq!(top, (0..MAX_DEPTH).collect::<Vec<_>>());
        assert_eq!(g.evaluations, MAX_DEPTH);
    }

    #[test]
    fn a_chain_that_loops_back_is_evaluated_once_per_node() {
        let n = 60;
        let mut g = graph((0..n).map(|i| vec![(i + 1) % n]).collect());
        g.eval(n - 1);
        assert!(g.evaluations <= 2 * n, "{} evaluations", g.evaluations);
    }

    #[test]
    fn a_depth_cut_result_is_not_kept_for_a_later_shallower_evaluation() {
        let n = MAX_DEPTH + 5;
        let mut g = graph(
            (0..n)
                .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
                .collect(),
        );
        g.eval(0);
        assert_eq!(g.eval(10), (10..n).collect::<Vec<_>>());
    }

    #[test]
    fn cycle_results_are_complete_once_the_cycle_is_closed() {
        let mut g = graph(vec![vec![1], vec![2], vec![0, 3], vec![]]);
        assert_eq!(g.eval(0), vec![0, 1, 2, 3]);
        assert_eq!(g.eval(1), vec![0, 1, 2, 3]);
        assert_eq!(g.eval(2), vec![0, 1, 2, 3]);
    }
}
