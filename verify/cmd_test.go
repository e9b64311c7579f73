package verify

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestBadUsageText(t *testing.T) {
	ok := options{count: 10, benchtime: "1s", profiletime: "1s", cpu: "1"}
	with := func(change func(*options)) options { o := ok; change(&o); return o }
	prof := filepath.Join(t.TempDir(), "cpu.pprof")
	if err := os.WriteFile(prof, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		o      options
		format string
		want   string
	}{
		{ok, "text", ""},
		{ok, "json", ""},
		{ok, "html", ""},
		{ok, "xml", "-format=xml: want text, json or html"},
		{with(func(o *options) { o.count = 6 }), "text", ""},
		{with(func(o *options) { o.count = 5 }), "text", "-count=5: a 95% interval of a median needs 6 rounds or more"},
		{with(func(o *options) { o.bench = "Step$" }), "text", ""},
		{with(func(o *options) { o.bench = "(" }), "text", "-bench=(: not a regular expression"},
		{with(func(o *options) { o.cpu = "4" }), "text", ""},
		{with(func(o *options) { o.cpu = "1,2" }), "text", "-cpu=1,2: one value: every build is measured at one GOMAXPROCS"},
		{with(func(o *options) { o.benchtime = "100x" }), "text", ""},
		{with(func(o *options) { o.benchtime = "0x" }), "text", "-benchtime=0x: want a duration (1s, 200ms) or a count of iterations (100x)"},
		{with(func(o *options) { o.profiletime = "200ms" }), "text", ""},
		{with(func(o *options) { o.profiletime = "soon" }), "text", "-profiletime=soon: want a duration (1s, 200ms) or a count of iterations (100x)"},
		{with(func(o *options) { o.profile = prof }), "text", ""},
		{with(func(o *options) { o.profile = "/nonexistent/cpu.pprof" }), "text", "-profile: stat /nonexistent/cpu.pprof: no such file or directory"},
	} {
		if got := badUsage(tc.o, tc.format); got != tc.want {
			t.Errorf("badUsage(%+v, %q) = %q, want %q", tc.o, tc.format, got, tc.want)
		}
	}
}

func TestValidBenchtime(t *testing.T) {
	for s, want := range map[string]bool{
		"1s": true, "200ms": true, "1m30s": true, "100x": true, "1x": true,
		"0x": false, "-3x": false, "x": false, "1.5x": false, "0s": false, "0": false,
		"-1s": false, "1": false, "0.5": false, "": false, "banana": false,
	} {
		if got := validBenchtime(s); got != want {
			t.Errorf("validBenchtime(%q) = %v, want %v", s, got, want)
		}
	}
}

type otherSignal struct{}

func (otherSignal) String() string { return "other" }
func (otherSignal) Signal()        {}

func TestSignalExit(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		ok   bool
		text string
	}{
		{&signalError{syscall.SIGINT}, 130, true, "interrupted (SIGINT)"},
		{&signalError{os.Interrupt}, 130, true, "interrupted (SIGINT)"},
		{&signalError{syscall.SIGTERM}, 143, true, "terminated (SIGTERM)"},
		{fmt.Errorf("f at a.go:3: %w", &signalError{syscall.SIGTERM}), 143, true, "f at a.go:3: terminated (SIGTERM)"},
		{&signalError{otherSignal{}}, 130, true, "interrupted (SIGINT)"},
		{errors.New("go build failed"), 0, false, "go build failed"},
	} {
		code, ok := signalExit(tc.err)
		if code != tc.code || ok != tc.ok || tc.err.Error() != tc.text {
			t.Errorf("signalExit(%v) = %d, %v, want %d, %v (%q)", tc.err, code, ok, tc.code, tc.ok, tc.text)
		}
	}
}

func TestCheckInputs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for out, want := range map[string]string{
		"":                            "",
		filepath.Join(dir, "r.json"):  "",
		filepath.Join(file, "r.json"): "-o " + filepath.Join(file, "r.json") + ": no directory " + file + " to write it in",
	} {
		err := checkInputs(options{}, out)
		if got := fmt.Sprint(err); (err == nil) != (want == "") || (err != nil && got != want) {
			t.Errorf("checkInputs -o %q: %v, want %q", out, err, want)
		}
	}
}

func TestUsageDefaults(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-h"}, &stdout, &stderr); code != 0 {
		t.Errorf("verify -h: exit %d", code)
	}
	for _, want := range []string{"Exit status: 0 done, 1 an error, 2 bad usage", "(default 10m0s)", "(default 10)", `(default "1s")`, `(default "text")`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("verify -h does not say %s:\n%s", want, stderr.String())
		}
	}
	if isTerminal(&stdout) {
		t.Errorf("a buffer is a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	if isTerminal(f) {
		t.Errorf("a file is a terminal")
	}
	f.Close()
	if isTerminal(f) {
		t.Errorf("a closed file is a terminal")
	}
}
