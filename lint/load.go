package lint

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/fsmvet/fsmvet/internal/cli"
	"github.com/fsmvet/fsmvet/internal/govet"
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
func load(cfg Config, patterns []string) ([]*node, error) {
	initial, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
			packages.NeedImports | packages.NeedDeps | packages.NeedModule |
			packages.NeedTypesSizes | packages.NeedForTest,
		Dir:        cfg.Dir,
		Tests:      cfg.Tests,
		BuildFlags: cli.BuildFlags(cfg.Tags),
		Overlay:    cfg.Overlay, // go list sees an unsaved buffer's imports and build tags
	}, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	if len(initial) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	roots := govet.Variants(initial)
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
