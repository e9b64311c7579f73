package lint

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A node is one package of the import graph: what go list said of it, and,
// while it is being analysed, what the analysis made of it.
type node struct {
	pkg     *packages.Package // metadata only: no syntax, no types
	imports []*node           // in import path order
	users   []*node           // the packages that import this one
	root    bool              // its findings are reported

	waiting int // imports not yet checked; guarded by scheduler.mu
	pending int // users not yet checked; guarded by scheduler.mu

	// Set when the package is checked. types is dropped when the last user
	// has been checked (the types stay alive only while a package that
	// still runs can reach them); facts are kept to the end, they are few.
	types  *types.Package
	facts  *factSet
	failed bool // it, or a package it imports, does not load or type-check
}

// load asks go list for the packages the patterns name and everything
// they import: names, files and the import graph, no syntax and no types,
// which the scheduler reads and checks a package at a time.
func load(dir string, tests bool, patterns []string) ([]*node, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedDeps | packages.NeedModule |
			packages.NeedTypesSizes | packages.NeedForTest,
		Dir:   dir,
		Tests: tests,
	}
	initial, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	if len(initial) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	roots := vetVariants(initial)
	nodes := make(map[*packages.Package]*node)
	var all []*node
	var visit func(p *packages.Package) *node
	visit = func(p *packages.Package) *node {
		if n := nodes[p]; n != nil {
			return n
		}
		n := &node{pkg: p}
		nodes[p] = n
		for _, path := range sortedKeys(p.Imports) {
			dep := visit(p.Imports[path])
			n.imports = append(n.imports, dep)
			dep.users = append(dep.users, n)
		}
		all = append(all, n) // after its imports: all is in dependency order
		return n
	}
	for _, p := range roots {
		visit(p).root = true
	}
	return all, nil
}

// vetVariants chooses the packages whose findings are reported, as go vet
// does: for a package with tests in its own package, the variant built
// with them (p [p.test]) instead of p; its external test package
// (p_test [p.test]); never the generated test main. A package analysed
// once cannot tell two stories: the variant without its tests cannot see
// what they use, and would offer a fix that breaks them.
func vetVariants(initial []*packages.Package) []*packages.Package {
	withTests := make(map[string]bool) // import paths that have a p [p.test]
	for _, p := range initial {
		if p.ForTest != "" && p.PkgPath == p.ForTest {
			withTests[p.PkgPath] = true
		}
	}
	var roots []*packages.Package
	for _, p := range initial {
		switch {
		case p.ForTest == "" && strings.HasSuffix(p.ID, ".test") && p.Name == "main":
			// the test main go test generates
		case p.ForTest == "" && withTests[p.PkgPath]:
			// replaced by its test variant
		default:
			roots = append(roots, p)
		}
	}
	slices.SortFunc(roots, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return roots
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
