// Command formbench measures every form of testdata/httpparse, a
// realistic 23-state HTTP/1.1 request parser, in one test binary: the
// switch form as written, the hand-written transition-pointer and table
// forms beside it, and the forms fsmvet's fix makes of the switch form.
// All of them run the same tests (parsetest), so each is the same parser
// with another dispatch.
//
// From the repository root:
//
//	go run ./internal/cmd/formbench -emit
//	go run ./internal/cmd/formbench -count 20 -layouts 4 -benchtime 100ms -o /tmp/formbench
//	go run golang.org/x/perf/cmd/benchstat -col /form /tmp/formbench/nopgo.txt
//	go run golang.org/x/perf/cmd/benchstat -col /form /tmp/formbench/pgo.txt
//	go run golang.org/x/perf/cmd/benchstat /tmp/formbench/nopgo.txt /tmp/formbench/pgo.txt
//
// -emit builds fsmvet from this tree, runs 'fsmvet -fix' (with each
// form's flags) on a copy of the switch form, and writes the result to
// the form's directory under testdata/httpparse/emitted, and the
// benchmark that runs every form to testdata/httpparse/bench. The
// emitted files are fsmvet's output, committed so that they can be read
// and measured; this package's test fails when they differ from what
// fsmvet emits now.
//
// Measuring builds the benchmark binary without PGO and with a profile
// of that binary running every form's benchmark (so each form is
// optimized with a profile of its own code, as after re-profiling the
// rewritten program), each in -layouts code layouts: the fixture as it
// is, and copies where a function of another size before each form's
// code moves it to other addresses. Where code lies moves its time by
// several percent (switch-copy, the switch form's files in another
// package, shows how much); the layouts spread that over every form
// alike. It runs each form in each binary as a process of its own,
// -count rounds, -cpu 1; rounds rotate which binary runs first and the
// order of the forms, so that drift on a noisy machine falls on all
// alike.
//
// It writes each build's results for benchstat (nopgo.txt, pgo.txt) and
// a summary (summary.md): each form's median CPU time per op in each
// build (the benchmark reports the process's CPU time besides the wall
// time: on a machine shared with other work, the time spent waiting for
// a CPU is most of wall time's noise) and its ratio to the switch form
// without PGO, the median of the ratios of each round and layout, so
// that load that comes and goes falls on both sides of each ratio.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// A form is one way of writing the parser: a package of the fixture
// module with the switch form's API, tested by the same tests.
type form struct {
	name    string   // its benchmark: BenchmarkParse/form=name
	dir     string   // its package, relative to the fixture module
	emitted bool     // written by -emit: fsmvet -fix on a copy of the switch form
	flags   []string // the flags fsmvet -fix is run with, for an emitted form
	copy    bool     // written by -emit: the switch form's files, unchanged
}

// forms is every form the benchmark compares, the switch form first
// (benchstat compares each column with the first). It is the one list
// to edit when fsmvet's fix learns a form: -emit then writes the form's
// package and the benchmark that runs it. For example, a table form
// chosen with a flag would be
//
//	{name: "fsmvet-table", dir: "emitted/table", emitted: true, flags: []string{"-fsmswitch.form=table"}},
var forms = []form{
	{name: "switch", dir: "switchform"},
	// The same machine code at another address in the binary: how much
	// code placement alone moves a form (branch predictor and cache
	// aliasing), the noise floor of every comparison.
	{name: "switch-copy", dir: "switchcopy", copy: true},
	{name: "hand-returned", dir: "hand/returned"},
	{name: "hand-stored", dir: "hand/stored"},
	{name: "hand-table", dir: "hand/table"},
	{name: "fsmvet-pointer", dir: "emitted/pointer", emitted: true, flags: []string{"-fsmswitch.form=pointer"}},
	{name: "fsmvet-table", dir: "emitted/table", emitted: true, flags: []string{"-fsmswitch.form=table"}},
}

// fixture is the module that holds the forms, from the repository root.
var fixture = filepath.Join("testdata", "httpparse")

// switchDir is the package every emitted form is made from.
const switchDir = "switchform"

func main() {
	emitFlag := flag.Bool("emit", false, "rewrite the emitted forms and the benchmark with fsmvet built from this tree, and measure nothing")
	count := flag.Int("count", 20, "rounds; each runs every form in each build of each layout")
	layouts := flag.Int("layouts", 4, "code layouts: the fixture as it is, and copies whose forms' code is moved by a function of another size")
	benchtime := flag.String("benchtime", "100ms", "-test.benchtime of each run (short: a round's runs are then close in time)")
	profiletime := flag.String("profiletime", "2s", "-test.benchtime of each form in the run that takes the PGO profile")
	out := flag.String("o", "formbench-out", "directory for the test binaries, the profile, nopgo.txt, pgo.txt and summary.md")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("formbench: ")
	var err error
	if *emitFlag {
		err = emitFromTree()
	} else {
		err = measure(*out, *count, *layouts, *benchtime, *profiletime)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// emitFromTree builds fsmvet from the repository and writes the emitted
// forms and the benchmark into the fixture.
func emitFromTree() error {
	tmp, err := os.MkdirTemp("", "formbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fsmvet := filepath.Join(tmp, "fsmvet")
	if out, err := exec.Command("go", "build", "-o", fsmvet, "./cmd/fsmvet").CombinedOutput(); err != nil {
		return fmt.Errorf("building fsmvet (run from the repository root): %v\n%s", err, out)
	}
	if err := emit(fsmvet, fixture, fixture); err != nil {
		return err
	}
	log.Printf("wrote the emitted forms and %s", filepath.Join(fixture, benchFile))
	return nil
}

// emit writes into dst, for each emitted form, the switch form of the
// fixture module src as fsmvet -fix rewrites it with the form's flags,
// for each copy the switch form, and the benchmark of every form. dst
// may be src.
func emit(fsmvet, src, dst string) error {
	for _, f := range forms {
		var files map[string][]byte
		var err error
		switch {
		case f.emitted:
			files, err = fixedSwitchForm(fsmvet, src, f)
		case f.copy:
			files, err = readGoFiles(filepath.Join(src, switchDir))
		default:
			continue
		}
		if err != nil {
			return err
		}
		dir := filepath.Join(dst, f.dir)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return err
			}
		}
	}
	bench, err := benchmark()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(benchFile)), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dst, benchFile), bench, 0o644)
}

// fixedSwitchForm runs fsmvet -fix with f's flags on a scratch copy of
// the fixture's switch form, and returns the package's files after it,
// by name. A form fsmvet does not offer (an unknown flag, or no fix
// applied) is an error that says so.
func fixedSwitchForm(fsmvet, src string, f form) (map[string][]byte, error) {
	scratch, err := os.MkdirTemp("", "formbench-emit")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(scratch)
	for _, name := range []string{"go.mod", "parsetest", switchDir} {
		if err := copyPath(filepath.Join(src, name), filepath.Join(scratch, name)); err != nil {
			return nil, err
		}
	}
	before, err := readGoFiles(filepath.Join(scratch, switchDir))
	if err != nil {
		return nil, err
	}
	args := append(append([]string{"-fix"}, f.flags...), "./"+switchDir)
	cmd := exec.Command(fsmvet, args...)
	cmd.Dir = scratch
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		return nil, fmt.Errorf("form %s: fsmvet %s: %v\n%s", f.name, strings.Join(args, " "), err, stderr.Bytes())
	}
	after, err := readGoFiles(filepath.Join(scratch, switchDir))
	if err != nil {
		return nil, err
	}
	if sameFiles(before, after) {
		return nil, fmt.Errorf("form %s: fsmvet %s changed nothing: it offers no fix of that form for %s/%s", f.name, strings.Join(args, " "), src, switchDir)
	}
	return after, nil
}

// copyPath copies a file, or a directory's files (not its
// subdirectories: the fixture's packages have none).
func copyPath(from, to string) error {
	st, err := os.Stat(from)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		data, err := os.ReadFile(from)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	}
	files, err := readGoFiles(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(to, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// readGoFiles returns the Go files of a directory, by name.
func readGoFiles(dir string) (map[string][]byte, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(name)] = data
	}
	return files, nil
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			return false
		}
	}
	return true
}

// benchFile is the benchmark -emit writes, in the fixture module.
var benchFile = filepath.Join("bench", "forms_test.go")

// benchmark returns the benchmark of every form: BenchmarkParse, with a
// sub-benchmark form=NAME for each, in one package, so that one test
// binary runs them all.
func benchmark() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/cmd/formbench -emit; DO NOT EDIT.\n\n")
	b.WriteString("package bench\n\nimport (\n\t\"testing\"\n\n\t\"example.com/httpparse/parsetest\"\n")
	for _, f := range forms {
		fmt.Fprintf(&b, "\t%s %q\n", alias(f), "example.com/httpparse/"+f.dir)
	}
	b.WriteString(")\n\n// BenchmarkParse parses parsetest.BenchInput with each form of the parser.\nfunc BenchmarkParse(b *testing.B) {\n")
	for _, f := range forms {
		fmt.Fprintf(&b, "\tb.Run(%q, func(b *testing.B) {\n", "form="+f.name)
		fmt.Fprintf(&b, "\t\tparsetest.Benchmark(b, func(handled *int) parsetest.Parser {\n")
		fmt.Fprintf(&b, "\t\t\treturn %[1]s.NewParser(func(*%[1]s.Request) { *handled++ })\n", alias(f))
		b.WriteString("\t\t})\n\t})\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// alias is the name the benchmark imports a form's package as: every
// form's package is named httpparse.
func alias(f form) string { return strings.ReplaceAll(f.dir, "/", "") }

// measure builds the benchmark binary without and with PGO, in each of
// layouts code layouts, and runs every form in each, count rounds,
// writing out/nopgo.txt and out/pgo.txt for benchstat and out/summary.md.
func measure(out string, count, layouts int, benchtime, profiletime string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	trees, err := layoutTrees(out, layouts)
	if err != nil {
		return err
	}
	// A binary per layout and build; the profile is layout 0's, which
	// applies to every layout: the pads move no line of the forms.
	type binary struct {
		build, path string
		layout      int
	}
	profile := filepath.Join(out, "cpu.pprof")
	var bins []binary
	for l, tree := range trees {
		plain := filepath.Join(out, fmt.Sprintf("bench-%d.test", l))
		if err := goTest(tree, "-c", "-o", plain, "./bench"); err != nil {
			return err
		}
		if l == 0 {
			if _, err := runBench(plain, ".", profiletime, "-test.cpuprofile="+profile); err != nil {
				return fmt.Errorf("taking the PGO profile: %w", err)
			}
		}
		pgo := filepath.Join(out, fmt.Sprintf("bench-%d-pgo.test", l))
		if err := goTest(tree, "-c", "-pgo="+profile, "-o", pgo, "./bench"); err != nil {
			return err
		}
		bins = append(bins, binary{"no PGO", plain, l}, binary{"PGO", pgo, l})
	}
	files := map[string]*os.File{}
	for build, name := range map[string]string{"no PGO": "nopgo.txt", "PGO": "pgo.txt"} {
		if files[build], err = os.Create(filepath.Join(out, name)); err != nil {
			return err
		}
		defer files[build].Close()
	}
	// Every form runs once in each binary in each round, so the i-th
	// value of every form in a build comes from the same layout and round.
	res := results{}
	for round := range count {
		for k := range bins {
			b := bins[(k+round)%len(bins)] // rotate which binary runs first
			for j := range forms {
				f := forms[(j+round)%len(forms)] // and the forms
				o, err := runBench(b.path, "^BenchmarkParse$/^form="+f.name+"$", benchtime)
				if err != nil {
					return err
				}
				if _, err := fmt.Fprintf(files[b.build], "layout: %d\n%s", b.layout, o); err != nil {
					return err
				}
				if err := res.record(b.build, f.name, o); err != nil {
					return err
				}
			}
		}
		log.Printf("round %d of %d done", round+1, count)
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			return err
		}
	}
	table := res.table("no PGO", "PGO")
	if err := os.WriteFile(filepath.Join(out, "summary.md"), []byte(table), 0o644); err != nil {
		return err
	}
	fmt.Print(table)
	log.Printf("wrote nopgo.txt, pgo.txt and summary.md (the table above) in %s; compare with benchstat", out)
	return nil
}

// layoutTrees returns the fixture module as it is (layout 0), and for
// each further layout a copy under out in which every form's package
// begins with a function of its own size (layoutPad), so that each
// form's code lies at other addresses. Where code lies moves its time
// (branch predictor and cache aliasing): switch-copy, the switch form's
// instructions at another address, measured 2% apart from it, and two
// forms compiled to the same instructions but for one function's place
// 13% apart. Measuring each form in several layouts spreads that over
// every form alike.
func layoutTrees(out string, layouts int) ([]string, error) {
	trees := []string{fixture}
	for l := 1; l < layouts; l++ {
		tree := filepath.Join(out, fmt.Sprintf("layout-%d", l))
		if err := os.RemoveAll(tree); err != nil {
			return nil, err
		}
		if err := os.CopyFS(tree, os.DirFS(fixture)); err != nil {
			return nil, fmt.Errorf("copying the fixture: %w", err)
		}
		for j, f := range forms {
			calls := (l*53 + j*97) % 128 // 0 to 127 five-byte calls, spread over the forms and layouts
			if err := os.WriteFile(filepath.Join(tree, f.dir, "aaa_layout.go"), layoutPad(l, calls), 0o644); err != nil {
				return nil, err
			}
		}
		trees = append(trees, tree)
	}
	return trees, nil
}

// layoutPad returns a file that puts a function of about 5*calls bytes
// before the rest of its package's code (the compiler lays out a
// package's functions in the order of its files and declarations); init
// refers to it, so that the linker keeps it, and never calls it.
func layoutPad(layout, calls int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by formbench for layout %d; DO NOT EDIT.\n\npackage httpparse\n\n", layout)
	b.WriteString("var layoutRun bool\n\nfunc init() {\n\tif layoutRun {\n\t\tlayoutPad()\n\t}\n}\n\nfunc layoutPad() {\n")
	for range calls {
		b.WriteString("\tlayoutNop()\n")
	}
	b.WriteString("}\n\n//go:noinline\nfunc layoutNop() {}\n")
	return b.Bytes()
}

// results holds each run's measurements: by build, form and unit, one
// value per round, in round order.
type results map[string]map[string]map[string][]float64

// units are the measurements the summary shows, as benchfmt names them:
// parsetest.Benchmark reports the process's CPU time per op besides the
// wall time.
var units = []string{"cpu-sec/op", "sec/op", "B/op", "allocs/op"}

// record adds the one result of a run's output.
func (r results) record(build, form string, out []byte) error {
	rd := benchfmt.NewReader(bytes.NewReader(out), build+" "+form)
	n := 0
	for rd.Scan() {
		res, ok := rd.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		n++
		if r[build] == nil {
			r[build] = map[string]map[string][]float64{}
		}
		if r[build][form] == nil {
			r[build][form] = map[string][]float64{}
		}
		for _, u := range units {
			v, ok := res.Value(u)
			if !ok {
				return fmt.Errorf("the run of %s (%s) reported no %s:\n%s", form, build, u, out)
			}
			r[build][form][u] = append(r[build][form][u], v)
		}
	}
	if err := rd.Err(); err != nil {
		return fmt.Errorf("reading the output of %s (%s): %w", form, build, err)
	}
	if n != 1 {
		return fmt.Errorf("the run of %s (%s) gave %d results, want 1:\n%s", form, build, n, out)
	}
	return nil
}

// table is the summary, in Markdown. For each form and build: the median
// CPU time per op with its 95% interval, and the form's ratio to the
// switch form's without PGO, the median of the rounds' ratios with its
// interval (each round's runs are seconds apart, so load that comes and
// goes falls on both sides of a ratio); then the wall time's ratio, B/op
// and allocs/op. CPU time leaves out the time the benchmark waited for a
// CPU, which on a shared machine is most of the noise of wall time.
func (r results) table(plain, pgo string) string {
	var b strings.Builder
	b.WriteString("| form | CPU time/op | vs switch | CPU time/op, PGO | vs switch | wall time vs switch, without / with PGO | B/op | allocs/op |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, f := range forms {
		fmt.Fprintf(&b, "| %s |", f.name)
		for _, build := range []string{plain, pgo} {
			t := summarize(r[build][f.name]["cpu-sec/op"])
			fmt.Fprintf(&b, " %.2f µs ± %.0f%% | %s |", t.Center*1e6, 100*max(t.Center-t.Lo, t.Hi-t.Center)/t.Center, r.ratio(build, plain, f.name, "cpu-sec/op"))
		}
		fmt.Fprintf(&b, " %s / %s | %g, %g | %g, %g |\n",
			r.ratio(plain, plain, f.name, "sec/op"), r.ratio(pgo, plain, f.name, "sec/op"),
			summarize(r[plain][f.name]["B/op"]).Center, summarize(r[pgo][f.name]["B/op"]).Center,
			summarize(r[plain][f.name]["allocs/op"]).Center, summarize(r[pgo][f.name]["allocs/op"]).Center)
	}
	return b.String()
}

// ratio gives form's unit in build over the switch form's in base, the
// median of the rounds' ratios, with its 95% interval.
func (r results) ratio(build, base, form, unit string) string {
	s := summarize(ratios(r[build][form][unit], r[base][forms[0].name][unit]))
	return fmt.Sprintf("%.3f [%.3f, %.3f]", s.Center, s.Lo, s.Hi)
}

// summarize returns the median of values with its 95% interval, as
// benchstat computes them.
func summarize(values []float64) benchmath.Summary {
	return benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(values), &benchmath.DefaultThresholds), 0.95)
}

// ratios returns a[i]/b[i] for each round.
func ratios(a, b []float64) []float64 {
	r := make([]float64, min(len(a), len(b)))
	for i := range r {
		r[i] = a[i] / b[i]
	}
	return r
}

// goTest runs go test with args in the module at dir.
func goTest(dir string, args ...string) error {
	cmd := exec.Command("go", append([]string{"test"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go test %s (run from the repository root): %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// runBench runs the benchmarks matching bench in a test binary, -cpu 1,
// and returns its output, which benchstat reads.
func runBench(bin, bench, benchtime string, more ...string) ([]byte, error) {
	args := slices.Concat([]string{"-test.run=^$", "-test.bench=" + bench, "-test.benchmem",
		"-test.benchtime=" + benchtime, "-test.count=1", "-test.cpu=1"}, more)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, out)
	}
	if !bytes.Contains(out, []byte("\nBenchmarkParse/")) {
		return nil, fmt.Errorf("%s %s ran no benchmark:\n%s", bin, strings.Join(args, " "), out)
	}
	return out, nil
}
