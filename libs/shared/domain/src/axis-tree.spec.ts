import {
  axisKindAtDepth,
  buildTree,
  checkMove,
  depthOf,
  isSelfOrDescendant,
  planMove,
  subtreeHeight,
  type AxisLink,
} from './axis-tree';

/**
 * a            (axis)
 * ├─ a1        (sub-axis)
 * │  ├─ a1x    (action)
 * │  └─ a1y    (action)
 * └─ a2        (sub-axis)
 * b            (axis)
 * └─ b1        (sub-axis)
 * c            (axis)
 */
const TREE: readonly AxisLink[] = [
  { id: 'a', parentId: null, position: 0 },
  { id: 'a1', parentId: 'a', position: 0 },
  { id: 'a1x', parentId: 'a1', position: 0 },
  { id: 'a1y', parentId: 'a1', position: 1 },
  { id: 'a2', parentId: 'a', position: 1 },
  { id: 'b', parentId: null, position: 1 },
  { id: 'b1', parentId: 'b', position: 0 },
  { id: 'c', parentId: null, position: 2 },
];

/** The tree after applying planMove's changes. */
function apply(axes: readonly AxisLink[], changes: Map<string, { parentId: string | null; position: number }>): AxisLink[] {
  return axes.map((axis) => ({ ...axis, ...(changes.get(axis.id) ?? {}) }));
}

/** Ids of the children of `parentId`, in position order. */
function childrenOf(axes: readonly AxisLink[], parentId: string | null): string[] {
  return axes
    .filter((axis) => axis.parentId === parentId)
    .sort((x, y) => x.position - y.position)
    .map((axis) => axis.id);
}

/** Every sibling list holds positions 0..n-1 exactly once. */
function expectContiguous(axes: readonly AxisLink[]): void {
  const parents = new Set(axes.map((axis) => axis.parentId));
  for (const parentId of parents) {
    const positions = axes.filter((axis) => axis.parentId === parentId).map((axis) => axis.position).sort((x, y) => x - y);
    expect({ parentId, positions }).toEqual({ parentId, positions: positions.map((_, index) => index) });
  }
}

describe('axisKindAtDepth', () => {
  it('names depth 0, 1 and 2 axis, sub-axis and action', () => {
    expect([0, 1, 2].map(axisKindAtDepth)).toEqual(['axis', 'sub_axis', 'action']);
  });

  it('refuses a depth beyond the three levels', () => {
    expect(() => axisKindAtDepth(3)).toThrow(RangeError);
    expect(() => axisKindAtDepth(-1)).toThrow(RangeError);
  });
});

describe('depthOf', () => {
  it('counts the ancestors of an axis', () => {
    expect(Object.fromEntries(TREE.map((axis) => [axis.id, depthOf(TREE, axis.id)]))).toEqual({
      a: 0,
      a1: 1,
      a1x: 2,
      a1y: 2,
      a2: 1,
      b: 0,
      b1: 1,
      c: 0,
    });
  });

  it('answers 0 for an id it does not know', () => {
    expect(depthOf(TREE, 'nope')).toBe(0);
  });

  it('detects a cycle instead of looping forever', () => {
    const cyclic: AxisLink[] = [
      { id: 'x', parentId: 'y', position: 0 },
      { id: 'y', parentId: 'x', position: 0 },
    ];
    expect(() => depthOf(cyclic, 'x')).toThrow('Cycle in axis tree');
  });
});

describe('subtreeHeight', () => {
  it('counts the levels below an axis', () => {
    expect(Object.fromEntries(TREE.map((axis) => [axis.id, subtreeHeight(TREE, axis.id)]))).toEqual({
      a: 2,
      a1: 1,
      a1x: 0,
      a1y: 0,
      a2: 0,
      b: 1,
      b1: 0,
      c: 0,
    });
  });

  it('answers 0 for an unknown id', () => {
    expect(subtreeHeight(TREE, 'nope')).toBe(0);
  });
});

describe('isSelfOrDescendant', () => {
  it('is true for the axis itself and everything below it, false elsewhere', () => {
    const below = TREE.filter((axis) => isSelfOrDescendant(TREE, 'a', axis.id)).map((axis) => axis.id);
    expect(below.sort()).toEqual(['a', 'a1', 'a1x', 'a1y', 'a2']);
    expect(isSelfOrDescendant(TREE, 'a1x', 'a1')).toBe(false);
    expect(isSelfOrDescendant(TREE, 'b', 'nope')).toBe(false);
  });
});

describe('checkMove', () => {
  it('refuses an unknown axis', () => {
    expect(checkMove(TREE, 'nope', null)).toBe('unknown_axis');
    expect(checkMove(TREE, 'nope', 'a')).toBe('unknown_axis');
  });

  it('refuses an unknown parent', () => {
    expect(checkMove(TREE, 'c', 'nope')).toBe('unknown_parent');
  });

  it('refuses to move an axis under itself', () => {
    expect(checkMove(TREE, 'c', 'c')).toBe('self_or_descendant');
    expect(checkMove(TREE, 'a1', 'a1')).toBe('self_or_descendant');
  });

  it('refuses to move an axis under one of its descendants (a cycle)', () => {
    expect(checkMove(TREE, 'a', 'a1')).toBe('self_or_descendant');
    expect(checkMove(TREE, 'a', 'a1x')).toBe('self_or_descendant');
    expect(checkMove(TREE, 'a', 'a2')).toBe('self_or_descendant');
    expect(checkMove(TREE, 'a1', 'a1y')).toBe('self_or_descendant');
  });

  it('refuses to move anything under an action', () => {
    expect(checkMove(TREE, 'c', 'a1x')).toBe('too_deep');
    expect(checkMove(TREE, 'a2', 'a1y')).toBe('too_deep');
  });

  it('refuses to move a subtree whose leaves would land below the action level', () => {
    // b has a child: under the sub-axis a1, b would be an action and b1 a fourth level.
    expect(checkMove(TREE, 'b', 'a1')).toBe('too_deep');
    expect(checkMove(TREE, 'b', 'a2')).toBe('too_deep');
    // a is three levels tall: it cannot go under anything.
    expect(checkMove(TREE, 'a', 'b')).toBe('too_deep');
    expect(checkMove(TREE, 'a', 'c')).toBe('too_deep');
    // a1 (with actions below) cannot go under another sub-axis.
    expect(checkMove(TREE, 'a1', 'b1')).toBe('too_deep');
  });

  it('allows moves that keep the tree within three levels', () => {
    expect(checkMove(TREE, 'b', 'c')).toBeNull(); // b becomes a sub-axis, b1 an action
    expect(checkMove(TREE, 'a1', 'b')).toBeNull(); // sub-axis to another axis, actions follow
    expect(checkMove(TREE, 'c', 'a1')).toBeNull(); // a leaf axis becomes an action
    expect(checkMove(TREE, 'a1x', 'b1')).toBeNull(); // action to another sub-axis
    expect(checkMove(TREE, 'a1x', 'a1')).toBeNull(); // same parent: a reorder
    expect(checkMove(TREE, 'a2', 'a')).toBeNull();
  });

  it('allows any axis of a valid tree to become a root axis', () => {
    for (const axis of TREE) expect([axis.id, checkMove(TREE, axis.id, null)]).toEqual([axis.id, null]);
  });

  it('refuses a root move of a subtree deeper than three levels', () => {
    const chain: AxisLink[] = [
      { id: 'd0', parentId: null, position: 0 },
      { id: 'd1', parentId: 'd0', position: 0 },
      { id: 'd2', parentId: 'd1', position: 0 },
      { id: 'd3', parentId: 'd2', position: 0 },
    ];
    expect(checkMove(chain, 'd0', null)).toBe('too_deep');
    expect(checkMove(chain, 'd1', null)).toBeNull();
  });
});

describe('planMove', () => {
  it('reorders within the siblings, moving an axis earlier', () => {
    const changes = planMove(TREE, 'c', null, 0);
    expect(Object.fromEntries(changes)).toEqual({
      c: { parentId: null, position: 0 },
      a: { parentId: null, position: 1 },
      b: { parentId: null, position: 2 },
    });
  });

  it('reorders within the siblings, moving an axis later, and touches only what changes', () => {
    const changes = planMove(TREE, 'a', null, 1);
    expect(Object.fromEntries(changes)).toEqual({
      b: { parentId: null, position: 0 },
      a: { parentId: null, position: 1 },
    });
    expect(childrenOf(apply(TREE, changes), null)).toEqual(['b', 'a', 'c']);
  });

  it('changes nothing when the axis stays where it is', () => {
    expect(planMove(TREE, 'b', null, 1).size).toBe(0);
    expect(planMove(TREE, 'a1y', 'a1', 1).size).toBe(0);
  });

  it('moves across parents, renumbering both sibling lists from 0', () => {
    const changes = planMove(TREE, 'a1', 'b', 0);
    expect(Object.fromEntries(changes)).toEqual({
      a1: { parentId: 'b', position: 0 },
      b1: { parentId: 'b', position: 1 },
      a2: { parentId: 'a', position: 0 },
    });
    const after = apply(TREE, changes);
    expect(childrenOf(after, 'b')).toEqual(['a1', 'b1']);
    expect(childrenOf(after, 'a')).toEqual(['a2']);
    // The moved subtree keeps its own children.
    expect(childrenOf(after, 'a1')).toEqual(['a1x', 'a1y']);
    expectContiguous(after);
  });

  it('moves the first of several siblings out and closes the gap it leaves', () => {
    const changes = planMove(TREE, 'a1x', 'b1', 0);
    const after = apply(TREE, changes);
    expect(childrenOf(after, 'a1')).toEqual(['a1y']);
    expect(after.find((axis) => axis.id === 'a1y')?.position).toBe(0);
    expect(childrenOf(after, 'b1')).toEqual(['a1x']);
    expectContiguous(after);
  });

  it('moves a sub-axis to the root level, in the middle', () => {
    const after = apply(TREE, planMove(TREE, 'a1', null, 1));
    expect(childrenOf(after, null)).toEqual(['a', 'a1', 'b', 'c']);
    expect(childrenOf(after, 'a')).toEqual(['a2']);
    expectContiguous(after);
  });

  it('clamps a position past the end to the last place, and a negative one to the first', () => {
    expect(childrenOf(apply(TREE, planMove(TREE, 'a', null, 99)), null)).toEqual(['b', 'c', 'a']);
    expect(childrenOf(apply(TREE, planMove(TREE, 'c', null, -5)), null)).toEqual(['c', 'a', 'b']);
    const across = planMove(TREE, 'c', 'a', 42);
    expect(across.get('c')).toEqual({ parentId: 'a', position: 2 });
    expect(childrenOf(apply(TREE, across), null)).toEqual(['a', 'b']);
  });

  it('renumbers siblings stored with gaps into a contiguous list', () => {
    const gappy: AxisLink[] = [
      { id: 'p', parentId: null, position: 3 },
      { id: 'q', parentId: null, position: 7 },
      { id: 'r', parentId: null, position: 12 },
    ];
    const after = apply(gappy, planMove(gappy, 'r', null, 1));
    expect(childrenOf(after, null)).toEqual(['p', 'r', 'q']);
    expectContiguous(after);
  });

  it('keeps every sibling list contiguous for every allowed move of every axis to every position', () => {
    let checked = 0;
    for (const moving of TREE) {
      for (const parentId of [null, ...TREE.map((axis) => axis.id)]) {
        if (checkMove(TREE, moving.id, parentId) !== null) continue;
        const siblingCount = TREE.filter((axis) => axis.parentId === parentId && axis.id !== moving.id).length;
        for (let position = 0; position <= siblingCount + 1; position += 1) {
          const after = apply(TREE, planMove(TREE, moving.id, parentId, position));
          expectContiguous(after);
          const landed = after.find((axis) => axis.id === moving.id);
          expect(landed).toEqual({ id: moving.id, parentId, position: Math.min(position, siblingCount) });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('throws for an unknown axis', () => {
    expect(() => planMove(TREE, 'nope', null, 0)).toThrow('Unknown axis nope');
  });
});

describe('buildTree', () => {
  it('nests the rows and orders every level by position, whatever the input order', () => {
    const shuffled = [...TREE].reverse();
    const shape = (nodes: ReturnType<typeof buildTree<AxisLink>>): unknown =>
      nodes.map((node) => ({ id: node.id, children: shape(node.children as ReturnType<typeof buildTree<AxisLink>>) }));
    expect(shape(buildTree(shuffled))).toEqual([
      {
        id: 'a',
        children: [
          { id: 'a1', children: [{ id: 'a1x', children: [] }, { id: 'a1y', children: [] }] },
          { id: 'a2', children: [] },
        ],
      },
      { id: 'b', children: [{ id: 'b1', children: [] }] },
      { id: 'c', children: [] },
    ]);
  });

  it('orders by position, not by insertion order', () => {
    const rows: AxisLink[] = [
      { id: 'third', parentId: null, position: 2 },
      { id: 'first', parentId: null, position: 0 },
      { id: 'kid-b', parentId: 'first', position: 1 },
      { id: 'second', parentId: null, position: 1 },
      { id: 'kid-a', parentId: 'first', position: 0 },
    ];
    const tree = buildTree(rows);
    expect(tree.map((node) => node.id)).toEqual(['first', 'second', 'third']);
    expect(tree[0].children.map((node) => node.id)).toEqual(['kid-a', 'kid-b']);
  });

  it('keeps the extra fields of each row and does not mutate the input', () => {
    const rows = [
      { id: 'r', parentId: null, position: 0, title: 'Racine' },
      { id: 'k', parentId: 'r', position: 0, title: 'Enfant' },
    ];
    const copy = JSON.parse(JSON.stringify(rows));
    const [root] = buildTree(rows);
    expect(root.title).toBe('Racine');
    expect(root.children[0].title).toBe('Enfant');
    expect(rows).toEqual(copy);
  });

  it('returns an empty list for no rows', () => {
    expect(buildTree([])).toEqual([]);
  });
});
