package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
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

func TestUnsafe(t *testing.T) {
	goldenFile := abs(t, "testdata/unsafe.json")
	dir := fixture(t, abs(t, "../testdata/verify/unsafe"))
	before := hashTree(t, dir)
	res := verifyJSON(t, append(quick, "./...")...)
	unchanged(t, dir, before)
	if len(res.Findings) != 1 {
		t.Fatalf("%d findings, want 1", len(res.Findings))
	}
	f := res.Findings[0]
	if f.Verdict != VerdictUnsafe || f.Failure == nil || f.Failure.Step != "test" {
		t.Fatalf("verdict %q, failure %+v; want unsafe by its test", f.Verdict, f.Failure)
	}
	if !strings.Contains(f.Failure.Output, "TestModeIsOneByte") {
		t.Errorf("the failure does not name the failing test:\n%s", f.Failure.Output)
	}
	if len(f.Benchmarks) != 0 {
		t.Errorf("an unsafe fix was measured: %+v", f.Benchmarks)
	}
	golden(t, goldenFile, res)
}

// golden compares the stable parts of a result with a golden file: not
// the machine, nor anything timed.
func golden(t *testing.T, name string, res *Result) {
	t.Helper()
	stable := *res
	stable.Machine, stable.Holds = Machine{}, ""
	stable.Findings = slices.Clone(res.Findings)
	for i := range stable.Findings {
		f := &stable.Findings[i]
		if f.Failure != nil {
			f.Failure = &Failure{Step: f.Failure.Step, Output: "(output)"}
		}
		f.Benchmarks, f.Why = nil, ""
	}
	got, err := json.MarshalIndent(stable, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(name, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got)+"\n" {
		t.Errorf("JSON differs from %s (go test -update rewrites it):\n%s", name, got)
	}
}

func abs(t *testing.T, path string) string {
	t.Helper()
	a, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestEscape: a fix that makes the machine escape to the heap allocates
// once more per op, and is never a rewrite.
func TestEscape(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmarks four builds")
	}
	dir := fixture(t, abs(t, "../testdata/verify/escape"))
	before := hashTree(t, dir)
	res := verifyJSON(t, append(quick, "-apply", "./...")...)
	unchanged(t, dir, before) // -apply writes only rewrites
	f := res.Findings[0]
	if f.Verdict == VerdictRewrite || f.Verdict == VerdictRewritePGO || f.Verdict == VerdictUnsafe {
		t.Fatalf("verdict %q: %s", f.Verdict, f.Why)
	}
	if len(f.Benchmarks) != 1 || f.Benchmarks[0].Name != "Count" {
		t.Fatalf("benchmarks %+v, want Count", f.Benchmarks)
	}
	c, ok := f.Benchmarks[0].comparison(buildFix, buildOriginal, "allocs/op")
	if !ok || c.OldMedian != 1 || c.NewMedian != 2 || c.Ratio == nil || c.Delta != "more" {
		t.Errorf("allocs/op fix against original: %+v; want 1 → 2, more", c)
	}
	if len(res.Applied) != 0 {
		t.Errorf("applied %v", res.Applied)
	}
	if !strings.Contains(f.Why, "allocs/op") {
		t.Errorf("the verdict does not name the allocations: %s", f.Why)
	}
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

// TestKeepCrossCheck recomputes one verdict's numbers with benchmath from
// the outputs verify kept, and runs the kept binaries.
func TestKeepCrossCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmarks four builds")
	}
	fixture(t, abs(t, "../testdata/verify/escape"))
	res := verifyJSON(t, append(quick, "-keep", "./...")...)
	if res.Scratch == "" {
		t.Fatal("-keep kept nothing")
	}
	defer os.RemoveAll(res.Scratch)
	f := res.Findings[0]
	b := f.Benchmarks[0]
	// The fix against the original, paired round by round.
	old := keptSeconds(t, filepath.Join(f.Dir, "example.com_escape.original.txt"), b.Name)
	fixed := keptSeconds(t, filepath.Join(f.Dir, "example.com_escape.fix.txt"), b.Name)
	if len(old) != 6 || len(fixed) != 6 {
		t.Fatalf("kept %d and %d rounds, want 6", len(old), len(fixed))
	}
	var ratios []float64
	for i := range old {
		ratios = append(ratios, fixed[i]/old[i])
	}
	sum := benchmath.AssumeNothing.Summary(benchmath.NewSample(ratios, &benchmath.DefaultThresholds), 0.95)
	cmp := benchmath.AssumeNothing.Compare(benchmath.NewSample(old, &benchmath.DefaultThresholds), benchmath.NewSample(fixed, &benchmath.DefaultThresholds))
	c, ok := b.comparison(buildFix, buildOriginal, "sec/op")
	if !ok || c.Ratio == nil {
		t.Fatalf("no fix/original time comparison in %+v", b)
	}
	if c.Ratio.Center != sum.Center || c.Ratio.Lo != sum.Lo || c.Ratio.Hi != sum.Hi || c.P != cmp.P {
		t.Errorf("verify: %+v p=%v; benchmath on the kept outputs: %+v p=%v", *c.Ratio, c.P, sum, cmp.P)
	}
	rewrite := sum.Hi < 1 && cmp.P < 0.05
	if rewrite != (f.Verdict == VerdictRewrite) && f.Verdict != VerdictRewritePGO {
		t.Errorf("benchmath says rewrite=%v; verify says %q", rewrite, f.Verdict)
	}
	for _, build := range []string{"fix", "pgo", "fix-pgo"} {
		bin := filepath.Join(f.Dir, "example.com_escape."+build+".test")
		if out, err := exec.Command(bin, "-test.run=^$", "-test.bench=.", "-test.benchtime=10x").CombinedOutput(); err != nil {
			t.Errorf("kept binary %s: %v\n%s", bin, err, out)
		}
	}
}

// keptSeconds reads one benchmark's sec/op per round from a kept output.
func keptSeconds(t *testing.T, file, name string) []float64 {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var vals []float64
	rd := benchfmt.NewReader(bytes.NewReader(data), file)
	for rd.Scan() {
		if r, ok := rd.Result().(*benchfmt.Result); ok && r.Name.String() == name {
			v, _ := r.Value("sec/op")
			vals = append(vals, v)
		}
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	return vals
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
