package profile_test

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/profile"
)

// FuzzLoad feeds Parse any bytes: it must never panic, and a profile it
// accepts must hold together (see checkConsistent).
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		prof, err := profile.Parse("fuzz.pprof", bytes.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.pprof") {
				t.Errorf("the error does not name the file: %v", err)
			}
			return
		}
		checkConsistent(t, prof)
	})
}

// checkConsistent checks what holds in any profile, whatever its samples:
// flat is part of cumulative, cumulative of the total, lines add up to
// their function, the ranking is sorted, and a site's callees share all
// its calls.
func checkConsistent(t *testing.T, prof *profile.Profile) {
	t.Helper()
	if prof.Total <= 0 || prof.Share(prof.Total) != 1 {
		t.Fatalf("total %d", prof.Total)
	}
	var flat int64
	for i, f := range prof.Funcs() {
		flat += f.Flat
		if f.Flat < 0 || f.Flat > f.Cum || f.Cum > prof.Total || prof.Func(f.Name) != f || prof.Rank(f.Name) != i+1 {
			t.Errorf("%s: flat %d, cum %d of %d, rank %d at %d", f.Name, f.Flat, f.Cum, prof.Total, prof.Rank(f.Name), i+1)
		}
		if i > 0 {
			prev := prof.Funcs()[i-1]
			if cmp.Or(cmp.Compare(f.Cum, prev.Cum), strings.Compare(prev.Name, f.Name)) >= 0 {
				t.Errorf("%s (cum %d) ranked after %s (cum %d)", f.Name, f.Cum, prev.Name, prev.Cum)
			}
		}
		var lineFlat, lineCum int64
		for off, w := range f.LineFlat {
			lineFlat += w
			if w <= 0 || w > f.LineCum[off] {
				t.Errorf("%s+%d: flat %d, cum %d", f.Name, off, w, f.LineCum[off])
			}
		}
		for off, w := range f.LineCum {
			lineCum += w
			if w <= 0 || w > f.Cum {
				t.Errorf("%s+%d: cum %d of the function's %d", f.Name, off, w, f.Cum)
			}
			checkCallees(t, prof.Callees(profile.Site{Func: f.Name, Offset: off}))
		}
		if lineFlat != f.Flat || lineCum < f.Cum {
			t.Errorf("%s: lines add up to %d flat, %d cum; the function has %d, %d", f.Name, lineFlat, lineCum, f.Flat, f.Cum)
		}
	}
	if flat > prof.Total {
		t.Errorf("flat adds up to %d, over the total %d", flat, prof.Total)
	}
}

func checkCallees(t *testing.T, cs []profile.Callee) {
	t.Helper()
	sum := 0.0
	for i, c := range cs {
		sum += c.Share
		if c.Share <= 0 || c.Share > 1 || c.Name == "runtime.asyncPreempt" || i > 0 && c.Share > cs[i-1].Share {
			t.Errorf("callees %v", cs)
		}
	}
	if len(cs) > 0 && math.Abs(sum-1) > 1e-9 {
		t.Errorf("callees %v share %v of the calls", cs, sum)
	}
}

// TestFuzzSession fuzzes Parse for 20 s, as CI runs only go test. It runs
// a compiled test binary in a scratch directory, so that neither a
// crasher nor the fuzz cache lands in the repository; a crasher is
// printed, to be added to testdata/fuzz/FuzzLoad.
func TestFuzzSession(t *testing.T) {
	if testing.Short() {
		t.Skip("fuzzes for 20 s")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "profile.test")
	if out, err := exec.Command("go", "test", "-c", "-o", bin, "-fuzz", "^FuzzLoad$", ".").CombinedOutput(); err != nil {
		t.Fatalf("building the fuzzer: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "testdata", "fuzz", "FuzzLoad")
	if err := os.CopyFS(corpus, os.DirFS(filepath.Join("testdata", "fuzz", "FuzzLoad"))); err != nil {
		t.Fatal(err)
	}
	seeds, _ := os.ReadDir(corpus)
	fuzz := exec.Command(bin, "-test.run=^$", "-test.fuzz=^FuzzLoad$", "-test.fuzztime=20s",
		"-test.fuzzminimizetime=5s", "-test.parallel=1", "-test.fuzzcachedir="+filepath.Join(dir, "cache"))
	fuzz.Dir = dir
	out, err := fuzz.CombinedOutput()
	if err == nil {
		t.Logf("%s", lastLine(out))
		return
	}
	var found []string
	entries, _ := os.ReadDir(corpus)
	for _, e := range entries {
		if !slices.ContainsFunc(seeds, func(s os.DirEntry) bool { return s.Name() == e.Name() }) {
			data, _ := os.ReadFile(filepath.Join(corpus, e.Name()))
			found = append(found, fmt.Sprintf("testdata/fuzz/FuzzLoad/%s:\n%s", e.Name(), data))
		}
	}
	t.Fatalf("fuzzing failed: %v\n%s\n%s", err, out, strings.Join(found, "\n"))
}

func lastLine(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1]
}

// The seed corpus: each file is named for whether Parse accepts it.
var writeCorpus = flag.Bool("write-corpus", false, "rewrite testdata/fuzz/FuzzLoad from the synthetic profiles")

// TestSeedCorpus checks that every seed Parse should accept (named
// "valid-...") loads and holds together, and every other is an error.
func TestSeedCorpus(t *testing.T) {
	if *writeCorpus {
		writeSeeds(t)
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzLoad")
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) < 10 {
		t.Fatalf("the seed corpus: %d files, %v", len(entries), err)
	}
	for _, e := range entries {
		data, err := readSeed(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		prof, err := profile.Parse(e.Name(), bytes.NewReader(data))
		switch valid := strings.HasPrefix(e.Name(), "valid-"); {
		case valid && err != nil:
			t.Errorf("%s: %v", e.Name(), err)
		case valid:
			checkConsistent(t, prof)
		case err == nil:
			t.Errorf("%s loaded, but should not", e.Name())
		}
	}
}

// readSeed decodes a file in the fuzzing engine's corpus format, which
// holds one []byte.
func readSeed(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	body, ok := strings.CutPrefix(string(data), "go test fuzz v1\n[]byte(")
	body, ok2 := strings.CutSuffix(body, ")\n")
	if !ok || !ok2 {
		return nil, fmt.Errorf("not one []byte in the fuzz corpus format")
	}
	s, err := strconv.Unquote(body)
	return []byte(s), err
}

// writeSeeds writes the seed corpus: go test -run TestSeedCorpus
// ./profile -args -write-corpus.
func writeSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzLoad")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b := busy()
	gz, raw := b.gzipped(t), b.raw(t)
	heap := newSynth("alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes")
	heap.fn("main.alloc", 3)
	heap.sample([]int64{2, 128, 1, 64}, heap.loc("main.alloc:4"))
	counts := newSynth("samples/count")
	counts.prof.Mapping = nil
	counts.fn("main.a", 0)
	counts.fn("runtime.asyncPreempt", 0)
	counts.sample([]int64{3}, counts.loc("runtime.asyncPreempt:1"), counts.loc("main.a:7"))
	counts.sample([]int64{2}, counts.loc("main.a:9"))
	diff := newSynth("cpu/nanoseconds")
	diff.fn("main.a", 1)
	diff.sample([]int64{-10}, diff.loc("main.a:2"))
	taken, err := os.ReadFile(cpuProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"valid-busy-gzipped":      gz,
		"valid-busy-raw":          raw,
		"valid-counts-no-mapping": counts.raw(t),
		"valid-real-cpu":          taken,
		"truncated-busy-gzipped":  gz[:len(gz)/2],
		"truncated-busy-raw":      raw[:len(raw)/2],
		"truncated-real-cpu":      taken[:len(taken)-7],
		"heap":                    heap.gzipped(t),
		"diff-negative-cpu":       diff.raw(t),
		"garbage-text":            []byte("not a profile\n"),
		"garbage-gzip-magic":      {0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0},
		"empty":                   {},
		"no-samples":              newSynth("samples/count", "cpu/nanoseconds").raw(t),
	} {
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(seed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
