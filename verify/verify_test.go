package verify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixture copies a module of testdata into a temporary directory, makes
// it the working directory, and returns it.
func fixture(t *testing.T, src string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := copyTree(src, dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

// hashTree hashes every file below dir, by path.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		sums[path] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// unchanged fails the test if the tree differs from the hashes.
func unchanged(t *testing.T, dir string, before map[string][32]byte) {
	t.Helper()
	after := hashTree(t, dir)
	for path, sum := range before {
		if a, ok := after[path]; !ok || a != sum {
			t.Errorf("%s changed or was removed", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("%s was written", path)
		}
	}
}

// verifyJSON runs Main with -format=json and the args, and decodes the
// result.
func verifyJSON(t *testing.T, args ...string) *Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Main(append([]string{"-format=json"}, args...), &stdout, &stderr); code != 0 {
		t.Fatalf("verify %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	var res Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("decoding the JSON: %v\n%s", err, stdout.String())
	}
	return &res
}

// quick are the flags that keep a measured run short: its numbers are
// checked for consistency, never for a speed-up.
var quick = []string{"-count=6", "-benchtime=2000x", "-profiletime=300ms"}

// stable is what of a result no run changes: not the machine, nor
// anything timed (the numbers, a measured verdict and its why, a test's
// output), nor where the copy was.
func stable(res *Result) *Result {
	st := *res
	st.Machine, st.Holds, st.Scratch = Machine{}, "", ""
	st.Findings = slices.Clone(res.Findings)
	for i := range st.Findings {
		f := &st.Findings[i]
		if f.Failure != nil {
			f.Failure = &Failure{Step: f.Failure.Step, Output: "(output)"}
		}
		if len(f.Benchmarks) > 0 {
			f.Verdict, f.Why = "", ""
		}
		f.Benchmarks, f.Dir = nil, ""
	}
	return &st
}

func jsonOf(t *testing.T, res *Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := res.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func abs(t *testing.T, path string) string {
	t.Helper()
	a, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestWhole measures the executor fixture's machines, the 16-state Lexer
// among them, through the benchmarks whose profiles reach each.
func TestWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmarks four builds of two machines")
	}
	dir := fixture(t, abs(t, "../testdata/whole"))
	before := hashTree(t, dir)
	// A longer profile than quick's: on a loaded machine, 300ms of a
	// benchmark may hold no sample of Sender's short Poll.
	res := verifyJSON(t, "-count=6", "-benchtime=2000x", "-profiletime=1s", "./...")
	unchanged(t, dir, before)
	got := map[string]Finding{}
	for _, f := range res.Findings {
		got[f.Name] = f
	}
	lexer, ok := got["Lexer.state"]
	if !ok || lexer.States != 16 {
		t.Fatalf("no 16-state Lexer.state among %v", res.Findings)
	}
	measured := []string{VerdictRewrite, VerdictPGO, VerdictRewritePGO, VerdictNeither}
	for _, f := range res.Findings {
		if !slices.Contains(measured, f.Verdict) || len(f.Benchmarks) == 0 {
			t.Errorf("%s: verdict %q with %d benchmarks, want a measured verdict", f.Name, f.Verdict, len(f.Benchmarks))
		}
		if len(f.ReachedBy) == 0 {
			t.Errorf("%s: no poll loop reaches it", f.Name)
		}
	}
	for _, b := range lexer.Benchmarks {
		if b.Name != "RunLexers" {
			t.Errorf("Lexer.state measured by %s, which runs no lexer", b.Name)
		}
	}
}

// TestInterrupt sends SIGINT to a verify run once it is building test
// binaries: it must exit 130, leave the tree as it was and remove its
// scratch copy.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fsmvet and starts a measured run")
	}
	bin := filepath.Join(t.TempDir(), "fsmvet")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/fsmvet").CombinedOutput(); err != nil {
		t.Fatalf("building fsmvet: %v\n%s", err, out)
	}
	dir := fixture(t, abs(t, "../testdata/whole"))
	before := hashTree(t, dir)
	tmp := t.TempDir()
	cmd := exec.Command(bin, append([]string{"verify"}, append(quick, "./...")...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the original's test binary: verify is then mid-run, with
	// the scratch copy in place and go commands under way.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		built, _ := filepath.Glob(filepath.Join(tmp, "fsmvet-verify-*", ".fsmvet-verify", "original", "*.test"))
		if len(built) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("verify built no test binary in 2 minutes\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit status %d (%v), want 130\n%s", code, err, stderr.String())
	}
	unchanged(t, dir, before)
	if left, _ := filepath.Glob(filepath.Join(tmp, "fsmvet-verify-*")); len(left) > 0 {
		t.Errorf("scratch copies left behind: %v", left)
	}
	if !strings.Contains(stderr.String(), "the tree is unchanged") {
		t.Errorf("stderr does not say it stopped:\n%s", stderr.String())
	}
}

func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-count=3", "./..."},
		{"-format=xml", "./..."},
		{"-bench=(", "./..."},
		{"-cpu=1,2", "./..."},
		{"-profile=/nonexistent.pprof", "./..."},
		{"-benchtime=0.5", "./..."},
		{"-profiletime=banana", "./..."},
		{"-benchtime=0x", "./..."},
		{},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(args, &stdout, &stderr); code != 2 {
			t.Errorf("verify %v: exit %d, want 2\n%s", args, code, stderr.String())
		}
	}
}

// TestBadInputs: what would fail only after minutes of work fails first,
// before anything is copied: a -profile that is not a profile, an -o in
// no directory.
func TestBadInputs(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.pprof")
	if err := os.WriteFile(bad, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-profile", bad, "./..."}, "fsmvet verify: -profile: " + bad + ": not a readable pprof profile"},
		{[]string{"-o", "/nonexistent/x.json", "./..."}, "fsmvet verify: -o /nonexistent/x.json: no directory /nonexistent"},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(c.args, &stdout, &stderr); code != 1 || !strings.HasPrefix(stderr.String(), c.want) {
			t.Errorf("verify %v: exit %d, stderr %q; want 1 and %q", c.args, code, stderr.String(), c.want)
		}
	}
}

func TestBuildsAlternate(t *testing.T) {
	even, odd := builds(0), builds(1)
	if even[0] != buildOriginal || odd[0] != buildFixPGO || len(even) != 4 {
		t.Errorf("round 0 runs %v, round 1 runs %v", even, odd)
	}
	if fmt.Sprint(builds(2)) != fmt.Sprint(even) {
		t.Errorf("round 2 runs %v, want %v", builds(2), even)
	}
}

// TestNoMachine runs verify as a user would, with its progress on a
// terminal, on a module with no machine: the text says there is nothing
// to verify, and the copy is removed; with -format=json, the terminal
// stays quiet.
func TestNoMachine(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":  "module example.com/none\n\ngo 1.26\n",
		"none.go": "package none\n\n// F is no machine.\nfunc F() int { return 1 }\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	before := hashTree(t, dir)

	tty, said := terminal(t)
	var stdout bytes.Buffer
	if code := Main([]string{"./..."}, &stdout, tty); code != 0 {
		t.Fatalf("exit %d\n%s", code, said())
	}
	if got, want := said(), "verify: copying "+dir+"\r\nverify: loading ./...\r\n"; got != want {
		t.Errorf("the terminal shows %q, want %q", got, want)
	}
	if want := "\n10 rounds of -benchtime 1s at -cpu 1; PGO profile collected from the original's run of each finding's benchmarks\nno state machine or generator with a fix in these packages\n"; !strings.HasPrefix(stdout.String(), "fsmvet verify: these verdicts hold for this machine only: ") || !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("stdout:\n%s", stdout.String())
	}

	tty, said = terminal(t)
	stdout.Reset()
	if code := Main([]string{"-format=json", "./..."}, &stdout, tty); code != 0 {
		t.Fatalf("-format=json: exit %d\n%s", code, said())
	}
	if got := said(); got != "" {
		t.Errorf("-format=json: the terminal shows %q", got)
	}
	if !strings.HasSuffix(stdout.String(), "\n\t\"findings\": []\n}\n") {
		t.Errorf("-format=json:\n%s", stdout.String())
	}
	unchanged(t, dir, before)
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestBaselineFails: when the original fails its own checks (here go
// vet), no fix can be judged, and verify says so and stops; the copy is
// removed.
func TestBaselineFails(t *testing.T) {
	dir := t.TempDir()
	src := `package lamp

type light int

const (
	off light = iota
	on
	blown
)

// Lamp is switched on and off until it blows.
type Lamp struct {
	light    light
	switches int
}

// Toggle switches the lamp and reports whether it has blown.
func (l *Lamp) Toggle() bool {
	switch l.light {
	case off:
		l.light = on
	case on:
		l.light = off
		if l.switches++; l.switches == 2 {
			l.light = blown
		}
	default:
		return true
	}
	return false
}

func vetFails(n int) int {
	n = n
	return n
}
`
	for name, text := range map[string]string{"go.mod": "module example.com/lamp\n\ngo 1.26\n", "lamp.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	before := hashTree(t, dir)
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"./..."}, &stdout, &stderr); code != 1 || stdout.Len() > 0 {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout.String())
	}
	want := "fsmvet verify: the original module's vet fails, so no fix can be judged by it:\n" +
		"go vet example.com/lamp: exit status 1\nlamp.go:34:2: self-assignment of n\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	unchanged(t, dir, before)
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestWorkspace verifies a module that builds only in its workspace
// (it imports a module its go.mod does not require): the copy is built
// in a workspace like the user's. A machine of another module of the
// workspace, named on the command line, is the user's tree, not the
// copy: verify leaves it alone.
func TestWorkspace(t *testing.T) {
	src := abs(t, "../testdata/verify/work")
	work := filepath.Join(t.TempDir(), "work")
	if err := copyTree(src, work); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(work, "app"))
	t.Setenv("GOWORK", "") // the go.work around the module
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	before := hashTree(t, work)
	res := verifyJSON(t, "-bench=None", "./...", "example.com/lib")
	unchanged(t, work, before)
	if len(res.Findings) != 1 {
		t.Fatalf("%d findings, want Lamp.light alone: %+v", len(res.Findings), res.Findings)
	}
	f := res.Findings[0]
	if want := "safe (build, vet and tests pass with the fix), but -bench None matches no benchmark in example.com/app"; f.Name != "Lamp.light" || f.Verdict != VerdictUnmeasured || f.Why != want {
		t.Errorf("%s: %q: %s", f.Name, f.Verdict, f.Why)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestMixedProbed verifies the mixed fixture as a user would at first:
// no -bench, so the benchmarks are chosen by their profiles, and no
// -profile, so the PGO profile is collected from them.
func TestMixedProbed(t *testing.T) {
	if testing.Short() {
		t.Skip("profiles benchmarks and builds the standard library with a new PGO profile")
	}
	dir, _ := mixedFixture(t)
	before := hashTree(t, dir)
	res := verifyJSON(t, "-count=6", "-benchtime=2000x", "-profiletime=1s", "-apply", "./...")
	unchanged(t, dir, before) // -apply writes only rewrites
	if res.PGO != "collected from the original's run of each finding's benchmarks" || len(res.Applied) != 0 {
		t.Errorf("PGO %q, applied %v", res.PGO, res.Applied)
	}
	if len(res.Findings) != 3 {
		t.Fatalf("%d findings, want 3", len(res.Findings))
	}
	counter, lamp, worker := res.Findings[0], res.Findings[1], res.Findings[2]
	if counter.Verdict == VerdictRewrite || counter.Verdict == VerdictRewritePGO || len(counter.Benchmarks) == 0 {
		t.Errorf("Counter.phase, whose fix allocates: %q with %d benchmarks: %s", counter.Verdict, len(counter.Benchmarks), counter.Why)
	}
	for _, b := range counter.Benchmarks {
		if c, ok := b.comparison(buildFix, buildOriginal, "allocs/op"); !ok || c.Delta != "more" {
			t.Errorf("%s: allocs/op of the fix %+v, want more", b.Name, c)
		}
	}
	if want := "collected: the original's run of the benchmarks for 1s each"; counter.PGOProfile != want {
		t.Errorf("Counter.phase's PGO profile: %q, want %q", counter.PGOProfile, want)
	}
	if want := "safe (build, vet and tests pass with the fix), but no benchmark of example.com/mixed/lamp has samples in the machine's switch; a benchmark of the shape below would measure it"; lamp.Verdict != VerdictUnmeasured || lamp.Why != want {
		t.Errorf("Lamp.light: %q: %s", lamp.Verdict, lamp.Why)
	}
	if worker.Verdict != VerdictUnsafe {
		t.Errorf("Worker.mode: %q", worker.Verdict)
	}
}

// mixedFixture copies testdata/verify/mixed to a temporary directory,
// with its PGO profile beside it (outside the module), makes the module
// the working directory and another temporary directory TMPDIR (where
// the scratch copies go), and returns both.
func mixedFixture(t *testing.T) (dir, tmp string) {
	t.Helper()
	prof, err := os.ReadFile(abs(t, "../testdata/verify/mixed.pprof"))
	if err != nil {
		t.Fatal(err)
	}
	dir = fixture(t, abs(t, "../testdata/verify/mixed"))
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "mixed.pprof"), prof, 0o644); err != nil {
		t.Fatal(err)
	}
	tmp = t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return dir, tmp
}

// mixedOptions measure the mixed fixture in seconds: six rounds of 100
// iterations, the benchmarks named, the PGO profile given (one collected
// anew differs each run, and the standard library is built again with
// each).
func mixedOptions() options {
	return options{profile: "../mixed.pprof", bench: "Count", count: 6, benchtime: "100x",
		profiletime: "1s", cpu: "1", timeout: 10 * time.Minute, keep: true}
}

// TestMixed verifies the mixed fixture: a fix that allocates, measured by
// the benchmarks of its package and of a package whose tests import it;
// a fix no benchmark measures; a fix that breaks a test. It checks the
// result against what the fixture is known to do, against the recorded
// result (testdata/mixed.json, which the format tests render), and
// recomputes every number with benchmath from the outputs verify kept.
func TestMixed(t *testing.T) {
	recorded := abs(t, "testdata/mixed.json")
	dir, tmp := mixedFixture(t)
	before := hashTree(t, dir)
	var progress []string
	say := func(format string, args ...any) { progress = append(progress, fmt.Sprintf(format, args...)) }
	var stderr bytes.Buffer
	// The pattern names the user's tree: verify loads the copy.
	res, err := run(context.Background(), mixedOptions(), []string{dir + "/..."}, say, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(res.Scratch) })
	unchanged(t, dir, before)
	if want := "fsmvet verify: kept the scratch copy in " + res.Scratch + "\n"; stderr.String() != want || filepath.Dir(res.Scratch) != tmp {
		t.Errorf("scratch %s, stderr %q; want it in %s, and said", res.Scratch, stderr.String(), tmp)
	}
	checkMachine(t, res)
	checkProgress(t, progress, dir)

	if *update {
		writeRecorded(t, recorded, res)
		checkRenderings(t, strings.TrimSuffix(recorded, ".json"))
	}
	want, err := readResult(recorded)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsonOf(t, stable(res)), jsonOf(t, stable(want)); got != want {
		t.Errorf("the result differs from %s (go test -update rewrites it):\n%s", recorded, got)
	}

	if len(res.Findings) != 3 {
		t.Fatalf("%d findings, want 3", len(res.Findings))
	}
	counter, lamp, worker := res.Findings[0], res.Findings[1], res.Findings[2]
	if counter.Name != "Counter.phase" || lamp.Name != "Lamp.light" || worker.Name != "Worker.mode" {
		t.Fatalf("findings %s, %s, %s; want Counter.phase, Lamp.light, Worker.mode", counter.Name, lamp.Name, worker.Name)
	}
	checkCounter(t, res.Scratch, counter)
	if want := "safe (build, vet and tests pass with the fix), but -bench Count matches no benchmark in example.com/mixed/lamp"; lamp.Verdict != VerdictUnmeasured || lamp.Why != want ||
		!strings.Contains(lamp.Shape, "func BenchmarkLamp(b *testing.B) {") || !strings.Contains(lamp.Shape, "m.Toggle(") || lamp.Dir != "" {
		t.Errorf("Lamp.light: %q (%s), dir %q, shape:\n%s", lamp.Verdict, lamp.Why, lamp.Dir, lamp.Shape)
	}
	if worker.Verdict != VerdictUnsafe || worker.Failure == nil || worker.Failure.Step != "test" || len(worker.Benchmarks) != 0 || worker.PGOProfile != "" ||
		!strings.HasPrefix(worker.Failure.Output, "go test -count=1 -timeout=10m0s example.com/mixed/worker: exit status 1\n--- FAIL: TestModeIsOneByte") {
		t.Errorf("Worker.mode: %q, %d benchmarks, PGO %q, failure %+v", worker.Verdict, len(worker.Benchmarks), worker.PGOProfile, worker.Failure)
	}
}

// checkMachine checks the machine record against the go command's
// environment, which the test asks for itself.
func checkMachine(t *testing.T, res *Result) {
	t.Helper()
	cmd := exec.Command("go", "env", "-json", "GOOS", "GOARCH", "GOVERSION", "GOAMD64", "GOARM64")
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	if err := json.Unmarshal(out, &env); err != nil {
		t.Fatal(err)
	}
	want := Machine{CPU: res.Machine.CPU, Cores: runtime.NumCPU(), GOOS: env["GOOS"], GOARCH: env["GOARCH"], Go: env["GOVERSION"]}
	switch want.GOARCH {
	case "amd64":
		want.Level = "GOAMD64=" + env["GOAMD64"]
	case "arm64":
		want.Level = "GOARM64=" + env["GOARM64"]
	default:
		want.Level = res.Machine.Level
	}
	if res.Machine != want || want.CPU == "" {
		t.Errorf("machine %+v, want %+v", res.Machine, want)
	}
	if want := "these verdicts hold for this machine only: " + want.String(); res.Holds != want {
		t.Errorf("holds %q, want %q", res.Holds, want)
	}
}

// checkProgress checks what verify says while it runs, the time left
// left out.
func checkProgress(t *testing.T, got []string, dir string) {
	t.Helper()
	want := []string{
		"copying " + dir,
		"loading " + dir + "/...",
		"building, vetting and testing the original",
		"Counter.phase: building, vetting and testing with the fix",
		"building the original test binary of example.com/mixed/count",
		"building the original test binary of example.com/mixed/drive",
		"Counter.phase: building example.com/mixed/count with PGO",
		"Counter.phase: building example.com/mixed/drive with PGO",
		"Counter.phase: building example.com/mixed/count (fix)",
		"Counter.phase: building example.com/mixed/count (fix+PGO)",
		"Counter.phase: building example.com/mixed/drive (fix)",
		"Counter.phase: building example.com/mixed/drive (fix+PGO)",
		"Counter.phase: round 1 of 6",
	}
	for r := 2; r <= 6; r++ {
		want = append(want, fmt.Sprintf("Counter.phase: round %d of 6, about … left", r))
	}
	want = append(want,
		"Lamp.light: building, vetting and testing with the fix",
		"building the original test binary of example.com/mixed/lamp",
		"Worker.mode: building, vetting and testing with the fix")
	left := regexp.MustCompile(`about [0-9.hms]+ left$`)
	var norm []string
	for _, p := range got {
		norm = append(norm, left.ReplaceAllString(p, "about … left"))
	}
	if !slices.Equal(norm, want) {
		t.Errorf("progress:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// checkCounter checks the measured finding of the mixed fixture: the
// allocations its fix adds, which do not vary, and every number against
// benchmath's on the kept outputs.
func checkCounter(t *testing.T, scratch string, f Finding) {
	t.Helper()
	if f.Verdict == VerdictRewrite || f.Verdict == VerdictRewritePGO || f.Verdict == VerdictUnsafe || f.Verdict == VerdictUnmeasured {
		t.Errorf("Counter.phase, whose fix allocates: %q: %s", f.Verdict, f.Why)
	}
	if want := filepath.Join(scratch, ".fsmvet-verify", "1-Counter-phase"); f.Dir != want {
		t.Errorf("Counter.phase kept in %q, want %q", f.Dir, want)
	}
	// Per benchmark and build (original, PGO, fix, fix+PGO): allocs/op and
	// B/op. Count allocates 16 bytes itself; DriveCounter's counter is on
	// the heap already, and the fix adds a closure.
	allocs := map[string][2][4]float64{
		"Count":        {{1, 1, 2, 2}, {16, 16, 32, 32}},
		"DriveCounter": {{0, 0, 1, 1}, {0, 0, 16, 16}},
	}
	var names []string
	for _, b := range f.Benchmarks {
		names = append(names, b.Package+" "+b.Name)
		var builds []string
		for i, bs := range b.Builds {
			builds = append(builds, bs.Build)
			if a, by := bs.Stats["allocs/op"].Center, bs.Stats["B/op"].Center; i < 4 && (a != allocs[b.Name][0][i] || by != allocs[b.Name][1][i]) {
				t.Errorf("%s, %s: %v allocs/op, %v B/op; want %v and %v", b.Name, bs.Build, a, by, allocs[b.Name][0][i], allocs[b.Name][1][i])
			}
		}
		if strings.Join(builds, ", ") != "original, PGO, fix, fix+PGO" || b.Rounds != 6 {
			t.Errorf("%s: builds %v, %d rounds", b.Name, builds, b.Rounds)
		}
		var cs []string
		for _, c := range b.Comparisons {
			cs = append(cs, c.New+"/"+c.Old+" "+c.Unit)
		}
		if want := "fix/original sec/op, fix/original B/op, fix/original allocs/op, " +
			"PGO/original sec/op, PGO/original B/op, PGO/original allocs/op, " +
			"fix+PGO/PGO sec/op, fix+PGO/PGO B/op, fix+PGO/PGO allocs/op"; strings.Join(cs, ", ") != want {
			t.Errorf("%s: comparisons %s", b.Name, strings.Join(cs, ", "))
		}
		for _, pair := range [][2]string{{buildFix, buildOriginal}, {buildFixPGO, buildPGO}} {
			if c, _ := b.comparison(pair[0], pair[1], "allocs/op"); c.Delta != "more" {
				t.Errorf("%s: %s/%s allocs/op %s, want more", b.Name, pair[0], pair[1], c.Delta)
			}
		}
		if c, _ := b.comparison(buildPGO, buildOriginal, "allocs/op"); c.Delta != "~" || c.P != 1 {
			t.Errorf("%s: PGO/original allocs/op %s p=%v, want ~ p=1", b.Name, c.Delta, c.P)
		}
		crossCheck(t, f.Dir, b)
	}
	if strings.Join(names, ", ") != "example.com/mixed/count Count, example.com/mixed/drive DriveCounter" {
		t.Errorf("Counter.phase measured by %v", names)
	}
	// The kept binaries run.
	for _, pkg := range []string{"example.com_mixed_count", "example.com_mixed_drive"} {
		bins := []string{filepath.Join(scratch, ".fsmvet-verify", "original", pkg+".test")}
		for _, build := range []string{"pgo", "fix", "fix-pgo"} {
			bins = append(bins, filepath.Join(f.Dir, pkg+"."+build+".test"))
		}
		for _, bin := range bins {
			if out, err := exec.Command(bin, "-test.run=^$", "-test.bench=.", "-test.benchtime=1x").CombinedOutput(); err != nil {
				t.Errorf("kept binary %s: %v\n%s", bin, err, out)
			}
		}
	}
}

// crossCheck recomputes a benchmark's medians, intervals, ratios and
// p-values with benchmath from the outputs verify kept (a file per
// package and build, a result per round), pairing the rounds as
// docs/verify.md says.
func crossCheck(t *testing.T, dir string, b Benchmark) {
	t.Helper()
	files := map[string]string{buildOriginal: "original", buildPGO: "pgo", buildFix: "fix", buildFixPGO: "fix-pgo"}
	kept := func(build, unit string) []float64 {
		vs := keptValues(t, filepath.Join(dir, strings.ReplaceAll(b.Package, "/", "_")+"."+files[build]+".txt"), b.Name, unit)
		if len(vs) != 6 {
			t.Fatalf("%s, %s: %d rounds of %s kept, want 6", b.Name, build, len(vs), unit)
		}
		return vs
	}
	th := &benchmath.DefaultThresholds
	summary := func(vs []float64) Interval {
		s := benchmath.AssumeNothing.Summary(benchmath.NewSample(slices.Clone(vs), th), 0.95)
		return Interval{Center: s.Center, Lo: s.Lo, Hi: s.Hi}
	}
	for _, bs := range b.Builds {
		for _, unit := range []string{"sec/op", "B/op", "allocs/op"} {
			if got, want := bs.Stats[unit], summary(kept(bs.Build, unit)); got != want {
				t.Errorf("%s, %s, %s: %+v; benchmath on the kept output: %+v", b.Name, bs.Build, unit, got, want)
			}
		}
	}
	for _, c := range b.Comparisons {
		newV, oldV := kept(c.New, c.Unit), kept(c.Old, c.Unit)
		cmp := benchmath.AssumeNothing.Compare(benchmath.NewSample(slices.Clone(oldV), th), benchmath.NewSample(slices.Clone(newV), th))
		if c.P != cmp.P || c.OldMedian != summary(oldV).Center || c.NewMedian != summary(newV).Center {
			t.Errorf("%s, %s/%s %s: p=%v, medians %v → %v; benchmath: p=%v, %v → %v",
				b.Name, c.New, c.Old, c.Unit, c.P, c.OldMedian, c.NewMedian, cmp.P, summary(oldV).Center, summary(newV).Center)
		}
		// Round i of each build ran side by side: their ratio, 1 where
		// both are 0, none at all where only the old one is.
		var ratios []float64
		fromZero := false
		for i := range newV {
			switch {
			case oldV[i] == 0 && newV[i] == 0:
				ratios = append(ratios, 1)
			case oldV[i] == 0:
				fromZero = true
			default:
				ratios = append(ratios, newV[i]/oldV[i])
			}
		}
		switch {
		case fromZero && c.Ratio != nil:
			t.Errorf("%s, %s/%s %s: ratio %+v from 0", b.Name, c.New, c.Old, c.Unit, *c.Ratio)
		case !fromZero && (c.Ratio == nil || *c.Ratio != summary(ratios)):
			t.Errorf("%s, %s/%s %s: ratio %v; benchmath on the kept outputs: %+v", b.Name, c.New, c.Old, c.Unit, c.Ratio, summary(ratios))
		}
	}
}

// keptValues reads one benchmark's values of a unit, a round each, from
// a kept output.
func keptValues(t *testing.T, file, name, unit string) []float64 {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var vals []float64
	rd := benchfmt.NewReader(bytes.NewReader(data), file)
	for rd.Scan() {
		if r, ok := rd.Result().(*benchfmt.Result); ok && r.Name.String() == name {
			if v, ok := r.Value(unit); ok {
				vals = append(vals, v)
			}
		}
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	return vals
}

// writeRecorded records a result, the scratch directory named as one
// would be in /tmp.
func writeRecorded(t *testing.T, name string, res *Result) {
	t.Helper()
	rec := *res
	rec.Findings = slices.Clone(res.Findings)
	const scratch = "/tmp/fsmvet-verify-1"
	rec.Scratch = scratch
	for i := range rec.Findings {
		if f := &rec.Findings[i]; f.Dir != "" {
			f.Dir = scratch + strings.TrimPrefix(f.Dir, res.Scratch)
		}
	}
	if err := os.WriteFile(name, []byte(jsonOf(t, &rec)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readResult reads a result in verify's JSON.
func readResult(name string) (*Result, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var res Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &res, nil
}
