package verify

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"go/types"
	"maps"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/internal/govet"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
)

// A fix is one finding's rewrite, a state machine's or a generator's,
// ready to write into the scratch copy. Every kind is checked, measured
// and judged alike; only what a benchmark must run to measure it differs
// (its target).
type fix struct {
	kind      string    // KindStateMachine, or the generator's kind
	name      string    // Struct.field; the generator; iter.Pull(seq)
	pos       token.Pos // the consumer switch; the generator's name; the iter.Pull call
	posn      string    // pos, as the user's tree names it
	pkgPath   string
	states    int      // state machines
	reachedBy []string // state machines: the poll loops that may call it
	target    target   // what its benchmarks must run
	files     []fixedFile
	diff      string
	err       error // the fix does not apply: unsafe without building
}

// A fixedFile is a file the fix edits, in the scratch copy.
type fixedFile struct {
	path          string // in the scratch copy
	tree          string // in the user's tree
	edits         []edit.Edit
	before, after []byte
}

// fixes returns the findings of the main module's root packages that
// fsmvet offers a fix for, state machines and generators (channel
// generators, iter.Pull loops), in position order, each with the files
// its fix writes (and, for a machine, the poll loops that reach it). In a
// workspace, every module is a main module: only those in the copy
// count, which verify may write to.
func fixes(prog *program.Program, s *scratch, posn func(token.Pos) string) []*fix {
	main := map[string]bool{}
	for _, pkg := range prog.Roots {
		if pkg.Module != nil && pkg.Module.Main && s.inCopy(pkg.Module.Dir) {
			main[pkg.PkgPath] = true
		}
	}
	loops := prog.PollLoops(false)
	var out []*fix
	var offered []analysis.SuggestedFix // out[i]'s fix
	for _, m := range prog.Machines {
		d, ok := diagnosticAt(prog, m.Consumer.Stmt.Pos())
		if !ok || m.Blocked() || len(d.SuggestedFixes) == 0 || !main[m.Struct.Pkg().Path()] {
			continue
		}
		t := machineTarget{consumer: profile.SymbolName(m.Consumer.Method), pkgName: m.Struct.Pkg().Name(), structNm: m.Struct.Name()}
		for _, st := range m.Steps {
			t.steps = append(t.steps, st.Name())
		}
		out = append(out, &fix{kind: KindStateMachine, name: m.Name(), pos: m.Consumer.Stmt.Pos(), pkgPath: m.Struct.Pkg().Path(),
			states: m.NumStates(), reachedBy: reachers(loops, m, posn), target: t})
		offered = append(offered, d.SuggestedFixes[0])
	}
	for _, g := range prog.Generators {
		pkg, decl := prog.FuncAt(g.Pos)
		if !g.Fixed() || pkg == nil || !main[pkg.PkgPath] {
			continue
		}
		t := generatorTarget{finding: g, pkgName: pkg.Name}
		if decl != nil {
			t.fn, _ = pkg.TypesInfo.Defs[decl.Name].(*types.Func)
		}
		out = append(out, &fix{kind: g.Kind.String(), name: g.Name, pos: g.Pos, pkgPath: pkg.PkgPath, target: t})
		offered = append(offered, g.Diagnostic.SuggestedFixes[0])
	}
	for i, f := range out {
		f.posn = posn(f.pos)
		f.files, f.err = fixedFiles(prog.Fset, offered[i])
		for i := range f.files {
			f.files[i].tree = s.original(f.files[i].path)
		}
		for _, ff := range f.files {
			f.diff += edit.Diff(govet.Relative(ff.tree), ff.before, ff.after, 2)
		}
	}
	slices.SortStableFunc(out, func(a, b *fix) int { return prog.Compare(a.pos, b.pos) })
	return out
}

// diagnosticAt returns fsmswitch's diagnostic at pos.
func diagnosticAt(prog *program.Program, pos token.Pos) (analysis.Diagnostic, bool) {
	for _, d := range prog.Diagnostics {
		if d.Analyzer == fsmswitch.Analyzer.Name && d.Pos == pos {
			return d.Diagnostic, true
		}
	}
	return analysis.Diagnostic{}, false
}

// reachers names the poll loops whose call may reach the machine's
// struct: a poll loop's fix is the fixes of the machines it reaches, so
// its verdict is theirs.
func reachers(loops []program.PollLoop, m *fsmswitch.Machine, posn func(token.Pos) string) []string {
	var out []string
	for _, l := range loops {
		for _, impl := range l.Impls {
			if impl.Type.Pkg().Path() == m.Struct.Pkg().Path() && impl.Type.Name() == m.Struct.Name() {
				out = append(out, posn(l.Site.Pos()))
				break
			}
		}
	}
	return out
}

// fixedFiles applies a fix to the files it edits, formatted as fsmvet
// -fix writes them, in file name order.
func fixedFiles(fset *token.FileSet, sf analysis.SuggestedFix) ([]fixedFile, error) {
	byFile, err := edit.FromAnalysis(fset, sf.TextEdits)
	if err != nil {
		return nil, err
	}
	var files []fixedFile
	for _, name := range slices.Sorted(maps.Keys(byFile)) {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading the file it edits: %w", err)
		}
		fixed, err := edit.Apply(src, byFile[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if fixed, err = format.Source(fixed); err != nil {
			return nil, fmt.Errorf("%s: the fixed file does not parse: %w", name, err)
		}
		files = append(files, fixedFile{path: name, edits: byFile[name], before: src, after: fixed})
	}
	return files, nil
}

// apply writes the fixed files into the scratch copy; restore puts the
// originals back. Each fix is measured alone, on an otherwise unchanged
// copy.
func (f *fix) apply() error   { return f.write(func(ff fixedFile) []byte { return ff.after }) }
func (f *fix) restore() error { return f.write(func(ff fixedFile) []byte { return ff.before }) }

func (f *fix) write(content func(fixedFile) []byte) error {
	for _, ff := range f.files {
		if err := os.WriteFile(ff.path, content(ff), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", ff.path, err)
		}
	}
	return nil
}

// applyFindings writes to the user's tree the fixes of the findings whose
// verdict is rewrite or rewrite + PGO, and returns the files written, in
// order, and the findings left out. Each fix was measured alone; the
// fixes of one file are merged, in the findings' order, and one that
// overlaps a fix taken before it (two generator fixes sharing an import)
// is left out, as fsmvet -fix leaves it for its next run. A file that
// changed since verify read it is an error, and then nothing is written.
func applyFindings(findings []Finding) (written, left []string, err error) {
	byFile := map[string][]edit.Edit{}
	before := map[string][]byte{}
	for _, fd := range findings {
		if fd.fix == nil || (fd.Verdict != VerdictRewrite && fd.Verdict != VerdictRewritePGO) {
			continue
		}
		if !merges(byFile, fd.fix.files) {
			left = append(left, fd.Name+" at "+fd.Posn)
			continue
		}
		for _, ff := range fd.fix.files {
			byFile[ff.tree] = append(byFile[ff.tree], ff.edits...)
			before[ff.tree] = ff.before
		}
	}
	names := slices.Sorted(maps.Keys(byFile))
	fixed := map[string][]byte{}
	for _, name := range names {
		now, err := os.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		if !bytes.Equal(now, before[name]) {
			return nil, nil, fmt.Errorf("%s changed since verify read it: nothing written", govet.Relative(name))
		}
		out, err := edit.Apply(now, byFile[name])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: the fixes do not merge: %w", govet.Relative(name), err)
		}
		if fixed[name], err = format.Source(out); err != nil {
			return nil, nil, fmt.Errorf("%s: the fixed file does not parse: %w", govet.Relative(name), err)
		}
	}
	for _, name := range names {
		if err := os.WriteFile(name, fixed[name], 0o644); err != nil {
			return written, left, err
		}
		written = append(written, govet.Relative(name))
	}
	return written, left, nil
}

// merges reports whether a fix's edits apply together with those taken
// so far, file by file: none overlaps another.
func merges(byFile map[string][]edit.Edit, files []fixedFile) bool {
	for _, ff := range files {
		if _, err := edit.Apply(ff.before, append(slices.Clip(byFile[ff.tree]), ff.edits...)); err != nil {
			return false
		}
	}
	return true
}
