package main_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// realModule is a module nobody on this project wrote, analysed by
// TestRealCode at a pinned version.
type realModule struct {
	path, version string
	// modfile, if set, is the module's own go.mod for its tests: it
	// replaces go.mod, and its .sum replaces go.sum (nats.go keeps its
	// test dependencies there, so ./... does not build without it).
	modfile string
	// benchPkg and bench name one of the module's own benchmarks (one
	// that needs no server) whose CPU profile feeds 'fsmvet report'.
	benchPkg, bench string
}

// realModules is the pinned set: each version the newest that go1.26
// accepted when the test was written. Lines of Go (without testdata) are
// counted and logged by the test: 1.5 million in all, most of them in
// x/text's tables and grpc.
var realModules = []realModule{
	{"github.com/BurntSushi/toml", "v1.6.0", "", ".", "BenchmarkDecode"},
	{"github.com/lib/pq", "v1.12.3", "", "./hstore", "BenchmarkHstore"}, // the root package's TestMain dials a database
	{"go.etcd.io/raft/v3", "v3.7.0", "", ".", "BenchmarkOneNode"},
	{"github.com/jackc/pgx/v5", "v5.12.0", "", "./internal/sanitize", "BenchmarkSanitize"},
	{"github.com/nats-io/nats.go", "v1.55.0", "go_test.mod", ".", "BenchmarkHeaderDecode"},
	{"github.com/valyala/fasthttp", "v1.78.0", "", ".", "BenchmarkServerGet10ReqPerConn"},
	{"github.com/klauspost/compress", "v1.20.4", "", "./flate", "BenchmarkDecodeTwainDefault1e5"},
	{"golang.org/x/net", "v0.62.0", "", "./html", "BenchmarkParser"},
	{"golang.org/x/text", "v0.44.0", "", "./unicode/norm", "BenchmarkIterLargeNFC"},
	{"google.golang.org/grpc", "v1.85.0", "", "./internal/transport", "BenchmarkDecodeGrpcMessage"},
	// libyaml's parser and emitter, ported: enum states driven by a switch.
	{"go.yaml.in/yaml/v3", "v3.0.6", "", ".", "Benchmark100KBMaps"},
}

// realCodeNeeds is how long TestRealCode may take on a busy 2-core
// machine (11 to 13 minutes of CPU, 17 minutes of wall time when others
// share the cores; downloads into an empty module cache add 20 s). It
// refuses to start with less time left before go test's deadline, rather
// than be killed half-way.
const realCodeNeeds = 30 * time.Minute

// realFinding is one finding (or one file changed by -fix) on real code,
// for a person to judge.
type realFinding struct{ module, mode, posn, message string }

func (f realFinding) String() string {
	msg := strings.Join(strings.Fields(f.message), " ") // one line, no tabs
	if len(msg) > 200 {
		msg = strings.ToValidUTF8(msg[:200], "")
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s", f.module, f.mode, f.posn, msg)
}

// TestRealCode runs fsmvet in every mode over real modules, fetched
// through the Go module proxy: each mode twice, and the two outputs must
// be byte-identical. It fails on a panic, an internal error, an analysis
// error, an unexpected exit status, and a -fix that does not build or
// breaks tests that passed. Every finding is logged, and written to the
// file $FSMVET_REALCODE_FINDINGS names, if any.
func TestRealCode(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads and analyses 11 modules (12 minutes of CPU)")
	}
	if deadline, ok := t.Deadline(); ok && time.Until(deadline) < realCodeNeeds {
		t.Fatalf("TestRealCode needs up to %v, and go test's deadline is %v away: run go test with -timeout=60m", realCodeNeeds, time.Until(deadline).Round(time.Second))
	}
	start := time.Now()
	realCodeEnv(t)
	widen := wideningFlags(t)
	t.Logf("widening flags, from fsmvet -flags: %s", strings.Join(widen, " "))

	var findings []realFinding
	var ran, totalLines, totalFiles int
	var cpu time.Duration
	names := map[string]bool{}
	for _, m := range realModules {
		name := shortName(m.path)
		if names[name] {
			t.Fatalf("two modules named %s", name)
		}
		names[name] = true
		t.Run(name, func(t *testing.T) {
			rc := &realCheck{t: t, m: m, fsmvet: fsmvet}
			defer func() { // also after a t.Fatal
				ran++
				findings = append(findings, rc.findings...)
				totalLines += rc.lines
				totalFiles += rc.files
				cpu += rc.cpu
			}()
			rc.run(widen)
		})
	}

	t.Logf("%d modules, %d files, %d lines of Go; %d findings; %v wall, %v CPU in subprocesses",
		ran, totalFiles, totalLines, len(findings), time.Since(start).Round(time.Second), cpu.Round(time.Second))
	if len(realModules) < 10 {
		t.Errorf("the real-code test covers %d modules; it should cover at least 10", len(realModules))
	}
	if ran == len(realModules) && totalLines < 100_000 && !t.Failed() {
		t.Errorf("the real-code test covers %d lines of Go; it should cover well over 100k", totalLines)
	}
	if file := os.Getenv("FSMVET_REALCODE_FINDINGS"); file != "" {
		var b strings.Builder
		b.WriteString("module\tmode\tposn\tmessage (first 200 bytes)\n")
		for _, f := range findings {
			b.WriteString(f.String() + "\n")
		}
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Errorf("FSMVET_REALCODE_FINDINGS: %v", err)
		}
	}
}

// realCodeEnv makes every go command of the test reach the module proxy
// alone (no direct VCS fetch), with the local toolchain and no workspace.
func realCodeEnv(t *testing.T) {
	out, code := run(t, ".", "go", "env", "GOPROXY")
	if code != 0 {
		t.Fatalf("go env GOPROXY: %s", out)
	}
	var proxies []string
	for p := range strings.FieldsFuncSeq(strings.TrimSpace(out), func(r rune) bool { return r == ',' || r == '|' }) {
		if p != "direct" && p != "off" {
			proxies = append(proxies, p)
		}
	}
	if len(proxies) == 0 {
		t.Skipf("GOPROXY=%s names no module proxy", strings.TrimSpace(out))
	}
	t.Setenv("GOPROXY", strings.Join(proxies, ","))
	t.Setenv("GOTOOLCHAIN", "local")
	t.Setenv("GOWORK", "off")
}

// wideningFlags returns the analyzer flags that widen what fsmvet
// reports: the boolean ones ("analyzer.flag"), as 'fsmvet -flags' lists
// them, so that flags added later are tested without editing this test.
func wideningFlags(t *testing.T) []string {
	out, code := run(t, ".", fsmvet, "-flags")
	var flags []struct {
		Name string
		Bool bool
	}
	if err := json.Unmarshal([]byte(out), &flags); code != 0 || err != nil {
		t.Fatalf("fsmvet -flags: exit %d, %v\n%s", code, err, out)
	}
	var widen []string
	for _, f := range flags {
		if f.Bool && strings.Contains(f.Name, ".") {
			widen = append(widen, "-"+f.Name)
		}
	}
	if !slices.Contains(widen, "-pollloop.all") {
		t.Fatalf("fsmvet -flags lists no boolean -pollloop.all (the README documents it):\n%s", out)
	}
	return widen
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// shortName is a module's last path element without a major version:
// the subtest's name.
func shortName(module string) string {
	name := path.Base(module)
	if majorVersion.MatchString(name) {
		name = path.Base(path.Dir(module))
	}
	return name
}

// realCheck runs every mode over one module.
type realCheck struct {
	t           *testing.T
	m           realModule
	fsmvet      string
	modDir      string // the module cache's read-only copy
	scratch     string
	lines       int
	files       int
	cpu         time.Duration
	findings    []realFinding
	seenFinding map[realFinding]bool
}

func (rc *realCheck) run(widen []string) {
	t := rc.t
	rc.scratch = t.TempDir()
	rc.download()
	rc.countLines()
	t.Logf("%s@%s: %d files, %d lines of Go", rc.m.path, rc.m.version, rc.files, rc.lines)

	lint := rc.prepare("lint")
	pprof := rc.profile(lint)

	plain := rc.lint(lint, "standalone", []string{"-json", "./..."}, []int{0, 3}, rc.parseVet)
	wideMode, wideArgs := "standalone "+strings.Join(widen, " "), append(append([]string{"-json"}, widen...), "./...")
	wide := rc.lint(lint, wideMode, wideArgs, []int{0, 3}, rc.parseVet)
	// A widening flag adds findings; it never drops or changes one.
	var lost []string
	for _, f := range plain.findings {
		if !slices.ContainsFunc(wide.findings, func(g realFinding) bool { return g.posn == f.posn && g.message == f.message }) {
			lost = append(lost, f.posn+": "+f.message)
		}
	}
	if len(lost) > 0 {
		rc.failf(wideMode, wideArgs, "%d findings of the standalone run are missing or changed:\n%s", len(lost), firstLines(lost, 20))
	}
	rc.lint(lint, "whole", []string{"whole", "-json", "./..."}, []int{0, 3}, rc.parseWhole)
	if pprof != "" {
		rc.lint(lint, "report", []string{"report", "-format=json", "-profile", pprof, "./..."}, []int{0}, rc.parseReport)
	}
	rc.fix(lint)
}

// reproPprof is where a reproduction recipe puts the profile.
const reproPprof = "/tmp/fsmvet-realcode.pprof"

// repro is a shell recipe that reproduces what the test ran for mode:
// the module set up as the test sets it up, then the command (fsmvet
// being the binary built from this repository).
func (rc *realCheck) repro(mode string, args []string) string {
	mv := rc.m.path + "@" + rc.m.version
	s := fmt.Sprintf(`d=$(mktemp -d)/m && go mod download %s && cp -r "$(go list -m -f '{{.Dir}}' %s)" $d && chmod -R u+w $d && cd $d`, mv, mv)
	if rc.m.modfile != "" {
		s += fmt.Sprintf(" && mv %s go.mod && mv %s go.sum", rc.m.modfile, strings.TrimSuffix(rc.m.modfile, ".mod")+".sum")
	}
	if mode == "report" {
		s += " && " + shellJoin(rc.benchArgs(reproPprof, "/tmp/fsmvet-realcode.test"))
		args = slices.Clone(args)
		for i, a := range args {
			if strings.HasSuffix(a, ".pprof") {
				args[i] = reproPprof
			}
		}
	}
	return s + " && fsmvet " + shellJoin(args)
}

// shellJoin quotes args for a POSIX shell.
func shellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = a
		if strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=:@,+-") != "" {
			quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(quoted, " ")
}

// failf reports a failure of mode on this module, with the recipe that
// reproduces it.
func (rc *realCheck) failf(mode string, args []string, format string, a ...any) {
	rc.t.Helper()
	rc.t.Errorf("%s@%s, mode %s: %s\nreproduce: %s", rc.m.path, rc.m.version, mode, fmt.Sprintf(format, a...), rc.repro(mode, args))
}

// command is one finished subprocess.
type command struct {
	args           []string
	stdout, stderr string
	code           int
	wall, cpu      time.Duration
	maxRSS         int64 // bytes; 0 where the OS does not say
}

// exec runs name with args in dir, timing it.
func (rc *realCheck) exec(dir, name string, args ...string) command {
	rc.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	c := command{args: append([]string{filepath.Base(name)}, args...), stdout: stdout.String(), stderr: stderr.String(), wall: time.Since(start)}
	if cmd.ProcessState == nil {
		rc.t.Fatalf("%s: %v", strings.Join(c.args, " "), err)
	}
	c.code = cmd.ProcessState.ExitCode()
	c.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	c.maxRSS = maxRSS(cmd.ProcessState)
	rc.cpu += c.cpu
	return c
}

func (c command) String() string { return strings.Join(c.args, " ") }

func (c command) cost() string {
	s := fmt.Sprintf("%.1fs wall, %.1fs CPU", c.wall.Seconds(), c.cpu.Seconds())
	if c.maxRSS > 0 {
		s += fmt.Sprintf(", %d MB peak", c.maxRSS>>20)
	}
	return s
}

// maxRSS is the peak resident set of the process and the children it
// waited for, on Linux (getrusage's ru_maxrss, in KiB there).
func maxRSS(ps *os.ProcessState) int64 {
	if runtime.GOOS != "linux" {
		return 0
	}
	v := reflect.Indirect(reflect.ValueOf(ps.SysUsage()))
	if v.Kind() != reflect.Struct {
		return 0
	}
	f := v.FieldByName("Maxrss")
	if !f.IsValid() || !f.CanInt() {
		return 0
	}
	return f.Int() << 10
}

// download fetches the module through the proxy into the module cache.
func (rc *realCheck) download() {
	t := rc.t
	c := rc.exec(rc.scratch, "go", "mod", "download", "-json", rc.m.path+"@"+rc.m.version)
	var info struct{ Dir, Error string }
	if err := json.Unmarshal([]byte(c.stdout), &info); c.code != 0 || err != nil || info.Dir == "" {
		t.Fatalf("%s: exit %d, %v %s\n%s%s", c, c.code, err, info.Error, c.stdout, c.stderr)
	}
	rc.modDir = info.Dir
	t.Logf("%s: %s", c, c.cost())
}

// countLines counts the module's Go files and lines as the go command
// sees them: testdata and directories starting with . or _ left out.
func (rc *realCheck) countLines() {
	err := filepath.WalkDir(rc.modDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != rc.modDir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".go") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rc.files++
			rc.lines += bytes.Count(data, []byte("\n"))
		}
		return nil
	})
	if err != nil {
		rc.t.Fatal(err)
	}
}

// prepare copies the module to a new scratch directory (writable, outside
// the module cache), puts its test go.mod in place if it has one, and
// downloads its dependencies, as pinned by its go.sum.
func (rc *realCheck) prepare(name string) string {
	t := rc.t
	dir := filepath.Join(rc.scratch, name)
	if err := os.CopyFS(dir, os.DirFS(rc.modDir)); err != nil {
		t.Fatalf("copying %s: %v", rc.modDir, err)
	}
	if rc.m.modfile != "" {
		for from, to := range map[string]string{rc.m.modfile: "go.mod", strings.TrimSuffix(rc.m.modfile, ".mod") + ".sum": "go.sum"} {
			if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
				t.Fatal(err)
			}
		}
	}
	c := rc.exec(dir, "go", "mod", "download")
	if c.code != 0 {
		t.Fatalf("%s in %s: exit %d\n%s", c, name, c.code, tail(c.stderr))
	}
	return dir
}

// profile takes a CPU profile of the module's pinned benchmark.
func (rc *realCheck) profile(dir string) string {
	t := rc.t
	pprof := filepath.Join(rc.scratch, "cpu.pprof")
	args := rc.benchArgs(pprof, filepath.Join(rc.scratch, "bench.test"))
	c := rc.exec(dir, args[0], args[1:]...)
	if c.code != 0 || !strings.Contains(c.stdout, rc.m.bench) {
		t.Errorf("the pinned benchmark does not run: %s: exit %d\n%s%s", c, c.code, tail(c.stdout), tail(c.stderr))
		return ""
	}
	t.Logf("profile: %s %s: %s", rc.m.benchPkg, rc.m.bench, c.cost())
	return pprof
}

// benchArgs is the command that profiles the pinned benchmark.
func (rc *realCheck) benchArgs(pprof, binary string) []string {
	return []string{"go", "test", "-count=1", "-run=^$", "-bench=^" + rc.m.bench + "$", "-benchtime=200ms",
		"-cpuprofile=" + pprof, "-o=" + binary, rc.m.benchPkg}
}

// parsed is what a mode's output says: its findings, and the errors it
// reports inside its output (an analysis that failed on a package).
type parsed struct {
	findings []realFinding
	errors   []string
}

// lint runs one mode twice in dir, checks the runs, and returns what the
// first printed.
func (rc *realCheck) lint(dir, mode string, args []string, codes []int, parse func(mode, dir, stdout string) (parsed, error)) parsed {
	t := rc.t
	first := rc.exec(dir, rc.fsmvet, args...)
	second := rc.exec(dir, rc.fsmvet, args...)
	t.Logf("%s: %s; again: %s", mode, first.cost(), second.cost())
	ok := rc.sane(mode, args, codes, first)
	ok = rc.sane(mode, args, codes, second) && ok
	if first.stdout != second.stdout {
		ok = false
		rc.failf(mode, args, "two runs printed different standard output:\n%s", diffLines(first.stdout, second.stdout))
	}
	if first.stderr != second.stderr {
		ok = false
		rc.failf(mode, args, "two runs printed different standard error:\n%s", diffLines(first.stderr, second.stderr))
	}
	p, err := parse(mode, dir, first.stdout)
	if err != nil {
		rc.failf(mode, args, "invalid JSON: %v\n%s", err, tail(first.stdout))
		return p
	}
	if len(p.errors) > 0 {
		rc.failf(mode, args, "the output reports %d errors or warnings:\n%s", len(p.errors), firstLines(p.errors, 20))
	}
	for _, f := range p.findings {
		rc.found(f)
	}
	if ok {
		t.Logf("%s: %d findings, identical in both runs", mode, len(p.findings))
	}
	return p
}

// panicked matches a Go panic or fatal runtime error in a program's output.
var panicked = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine [0-9]+ \[)`)

// sane checks a run's exit status and that it did not panic or report an
// internal error.
func (rc *realCheck) sane(mode string, args []string, codes []int, c command) bool {
	rc.t.Helper()
	ok := true
	if !slices.Contains(codes, c.code) {
		ok = false
		rc.failf(mode, args, "exit status %d, want one of %v\n%s", c.code, codes, tail(c.stderr))
	}
	out := c.stdout + c.stderr
	if strings.HasPrefix(mode, "report") {
		out = withoutSource(c.stdout) + c.stderr
	}
	if loc := panicked.FindStringIndex(out); loc != nil {
		ok = false
		rc.failf(mode, args, "fsmvet panicked:\n%s", tail(out[loc[0]:]))
	}
	if i := strings.Index(strings.ToLower(out), "internal error"); i >= 0 {
		ok = false
		rc.failf(mode, args, "fsmvet reports an internal error:\n%s", lineAround(out, i))
	}
	return ok
}

// withoutSource drops the source lines and diffs a report quotes from the
// analysed code (which may well say "internal error" itself).
func withoutSource(report string) string {
	var rep map[string]any
	if json.Unmarshal([]byte(report), &rep) != nil {
		return report
	}
	if list, ok := rep["findings"].([]any); ok {
		for _, f := range list {
			if f, ok := f.(map[string]any); ok {
				delete(f, "source")
				delete(f, "diff")
			}
		}
	}
	out, _ := json.Marshal(rep)
	return string(out)
}

// found records a finding, once per module, mode, position and message
// (the standalone driver reports a package's findings again for its test
// variant).
func (rc *realCheck) found(f realFinding) {
	if rc.seenFinding == nil {
		rc.seenFinding = map[realFinding]bool{}
	}
	if rc.seenFinding[f] {
		return
	}
	rc.seenFinding[f] = true
	rc.findings = append(rc.findings, f)
	rc.t.Log(f.String())
}

// rel makes a position relative to the module's copy.
func rel(dir, posn string) string {
	return filepath.ToSlash(strings.TrimPrefix(posn, dir+string(filepath.Separator)))
}

// parseVet reads fsmvet -json: package -> analyzer -> diagnostics or
// {"error": ...}.
func (rc *realCheck) parseVet(mode, dir, stdout string) (parsed, error) {
	var p parsed
	var tree jsonTree
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		return p, err
	}
	for _, pkg := range sortedKeys(tree) {
		for _, analyzer := range sortedKeys(tree[pkg]) {
			raw := tree[pkg][analyzer]
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				var e struct{ Error string }
				if json.Unmarshal(raw, &e) != nil || e.Error == "" {
					return p, fmt.Errorf("%s: %s: %s", pkg, analyzer, raw)
				}
				p.errors = append(p.errors, fmt.Sprintf("%s: %s: %s", pkg, analyzer, e.Error))
				continue
			}
			for _, d := range diags {
				msg := analyzer + ": " + d.Message
				if len(d.Fixes) > 0 {
					msg = fmt.Sprintf("%s: [%d fixes] %s", analyzer, len(d.Fixes), d.Message)
				}
				p.findings = append(p.findings, realFinding{rc.m.path, mode, rel(dir, d.Posn), msg})
			}
		}
	}
	return p, nil
}

// parseWhole reads fsmvet whole -json: a list of findings.
func (rc *realCheck) parseWhole(mode, dir, stdout string) (parsed, error) {
	var p parsed
	var list []struct{ Analyzer, Posn, Message string }
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		return p, err
	}
	for _, f := range list {
		p.findings = append(p.findings, realFinding{rc.m.path, mode, rel(dir, f.Posn), f.Analyzer + ": " + f.Message})
	}
	return p, nil
}

// parseReport reads fsmvet report -format=json (docs/report.md).
func (rc *realCheck) parseReport(mode, dir, stdout string) (parsed, error) {
	var p parsed
	var rep struct {
		Warnings []string
		Findings []struct {
			Rank                              int
			Kind, Posn, Verdict, Fix, Message string
			Cum                               float64
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		return p, err
	}
	// None of the documented warnings (docs/report.md: no start lines,
	// no build ID, functions in none of the analysed packages) can be
	// true of a profile that go1.26 took of the module's own benchmark.
	for _, w := range rep.Warnings {
		p.errors = append(p.errors, "warning: "+w)
	}
	for _, f := range rep.Findings {
		msg := fmt.Sprintf("#%d %s, %s, cum %.3f, fix %s: %s", f.Rank, f.Kind, f.Verdict, f.Cum, f.Fix, f.Message)
		p.findings = append(p.findings, realFinding{rc.m.path, mode, rel(dir, f.Posn), msg})
	}
	return p, nil
}

// fix runs fsmvet -fix twice, each on a fresh copy: both must leave the
// same files, the module must still build, and every package the fix
// changed must pass the tests it passed before (in pristine).
func (rc *realCheck) fix(pristine string) {
	t := rc.t
	const mode = "fix"
	args := []string{"-fix", "./..."}
	var dirs [2]string
	var runs [2]command
	var changed [2][]string
	for i := range dirs {
		dirs[i] = rc.prepare(fmt.Sprintf("fix%d", i+1))
		runs[i] = rc.exec(dirs[i], rc.fsmvet, args...)
		// Each run names its own copy; the rest must be the same.
		runs[i].stdout = strings.ReplaceAll(runs[i].stdout, dirs[i], "$MODULE")
		runs[i].stderr = strings.ReplaceAll(runs[i].stderr, dirs[i], "$MODULE")
		rc.sane(mode, args, []int{0, 3}, runs[i])
		changed[i] = changedFiles(t, pristine, dirs[i])
	}
	t.Logf("%s: %s; again: %s", mode, runs[0].cost(), runs[1].cost())
	if runs[0].stdout+runs[0].stderr != runs[1].stdout+runs[1].stderr {
		rc.failf(mode, args, "two runs printed different output:\n%s", diffLines(runs[0].stdout+runs[0].stderr, runs[1].stdout+runs[1].stderr))
	}
	if !slices.Equal(changed[0], changed[1]) {
		rc.failf(mode, args, "two runs changed different files:\n%s", diffLines(strings.Join(changed[0], "\n"), strings.Join(changed[1], "\n")))
	}
	for _, f := range changed[0] {
		a, _ := os.ReadFile(filepath.Join(dirs[0], f))
		b, _ := os.ReadFile(filepath.Join(dirs[1], f))
		if !bytes.Equal(a, b) {
			rc.failf(mode, args, "two runs wrote %s differently:\n%s", f, diffLines(string(a), string(b)))
		}
	}
	if len(changed[0]) == 0 {
		t.Logf("%s: no file changed", mode)
		return
	}
	pkgs := map[string]bool{}
	for _, f := range changed[0] {
		before, _ := os.ReadFile(filepath.Join(pristine, f))
		after, _ := os.ReadFile(filepath.Join(dirs[0], f))
		diff := diffLines(string(before), string(after))
		t.Logf("%s: fsmvet -fix changed %s, %s", mode, f, diff)
		rc.found(realFinding{rc.m.path, mode, f, "changed by -fix, " + strings.ReplaceAll(diff, "\n", " | ")})
		if !strings.HasSuffix(f, ".go") {
			rc.failf(mode, args, "changed %s, not a Go file", f)
			continue
		}
		pkgs["./"+path.Dir(f)] = true
	}
	fixed := dirs[0]
	if b := rc.exec(fixed, "go", "build", "./..."); b.code != 0 {
		if a := rc.exec(pristine, "go", "build", "./..."); a.code != 0 {
			t.Logf("%s: go build ./... fails before the fix too:\n%s", mode, tail(a.stderr))
		} else {
			rc.failf(mode, args, "after the fix, go build ./... fails:\n%s", tail(b.stderr))
		}
	} else {
		t.Logf("%s: go build ./... passes after the fix (%s)", mode, b.cost())
	}
	for _, pkg := range sortedKeys(pkgs) {
		before := rc.exec(pristine, "go", "test", "-count=1", "-timeout=5m", pkg)
		after := rc.exec(fixed, "go", "test", "-count=1", "-timeout=5m", pkg)
		switch {
		case before.code != 0:
			t.Logf("%s: %s fails its tests before the fix (%s); after: exit %d\n%s", mode, pkg, before.cost(), after.code, tail(before.stdout+before.stderr))
			// The tests cannot judge the fix, but they must still compile.
			bin := t.TempDir()
			if rc.exec(pristine, "go", "test", "-c", "-o="+bin, pkg).code == 0 {
				if c := rc.exec(fixed, "go", "test", "-c", "-o="+bin, pkg); c.code != 0 {
					rc.failf(mode, args, "after the fix, %s's tests no longer compile (go test -c %s):\n%s", pkg, pkg, tail(c.stderr))
				}
			}
		case after.code != 0:
			rc.failf(mode, args, "after the fix, %s fails the tests it passed before (go test %s):\n%s", pkg, pkg, tail(after.stdout+after.stderr))
		default:
			t.Logf("%s: %s passes its tests before and after the fix (%s; %s)", mode, pkg, before.cost(), after.cost())
		}
	}
}

// changedFiles lists, relative to before, the files that differ between
// the two trees, or exist in one only.
func changedFiles(t *testing.T, before, after string) []string {
	t.Helper()
	files := map[string]bool{}
	for _, root := range []string{before, after} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			r, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(r)] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var changed []string
	for _, f := range sortedKeys(files) {
		a, errA := os.ReadFile(filepath.Join(before, f))
		b, errB := os.ReadFile(filepath.Join(after, f))
		if (errA == nil) != (errB == nil) || !bytes.Equal(a, b) {
			changed = append(changed, f)
		}
	}
	return changed
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// diffLines shows where a and b differ: the lines between their common
// prefix and common suffix, at most 20 of each side, each cut at 300
// bytes.
func diffLines(a, b string) string {
	x, y := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	var out strings.Builder
	fmt.Fprintf(&out, "from line %d (- first, + second):\n", p+1)
	for _, side := range []struct {
		sign  string
		lines []string
	}{{"-", x[p : len(x)-s]}, {"+", y[p : len(y)-s]}} {
		for i, line := range side.lines {
			if i == 20 {
				fmt.Fprintf(&out, "%s ... and %d more lines\n", side.sign, len(side.lines)-i)
				break
			}
			line = strings.TrimSuffix(line, "\n")
			if len(line) > 300 {
				line = line[:300] + "..."
			}
			fmt.Fprintf(&out, "%s %s\n", side.sign, line)
		}
	}
	return out.String()
}

// firstLines joins at most n of lines.
func firstLines(lines []string, n int) string {
	if len(lines) > n {
		return strings.Join(lines[:n], "\n") + fmt.Sprintf("\n... and %d more", len(lines)-n)
	}
	return strings.Join(lines, "\n")
}

// lineAround returns the line of s holding byte i, cut to 500 bytes.
func lineAround(s string, i int) string {
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		end = len(s)
	} else {
		end += i
	}
	line := s[start:end]
	if len(line) > 500 {
		line = line[:500] + "..."
	}
	return line
}
