package profile

import (
	"bytes"
	"testing"

	pprof "github.com/google/pprof/profile"
)

func TestSourceName(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/nats-io/nats%2ego.(*Conn).Flush": "github.com/nats-io/nats.go.(*Conn).Flush",
		"a/b%2ec%2ed.F": "a/b.c.d.F",
		"a/b%25c.F":     "a/b%c.F",
		"a/b%2":         "a/b%2", // too short to be an escape
		"a/b%zzc.F":     "a/b%zzc.F",
		"%41":           "A",
		"plain.Name":    "plain.Name",
	} {
		if got := sourceName(in); got != want {
			t.Errorf("sourceName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEscapedProfile: a profile of a package whose path's last element
// has a dot (github.com/nats-io/nats.go) matches its functions.
func TestEscapedProfile(t *testing.T) {
	fn := &pprof.Function{ID: 1, Name: "github.com/nats-io/nats%2ego.(*Conn).Flush", StartLine: 10}
	loc := &pprof.Location{ID: 1, Line: []pprof.Line{{Function: fn, Line: 12}}}
	p := &pprof.Profile{
		SampleType: []*pprof.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Sample:     []*pprof.Sample{{Location: []*pprof.Location{loc}, Value: []int64{100}}},
		Location:   []*pprof.Location{loc},
		Function:   []*pprof.Function{fn},
	}
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Parse("nats.pprof", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if f := got.Func("github.com/nats-io/nats.go.(*Conn).Flush"); f == nil || f.Flat != 100 || f.LineFlat[2] != 100 {
		t.Errorf("the function is not found under its import path: %+v", got.Funcs())
	}
	if got.Matches([]string{"github.com/nats-io/nats.go"}) != 1 {
		t.Error("the profile does not match the package it profiles")
	}
}

func TestForeign(t *testing.T) {
	p := &Profile{Files: []string{"cpu.pprof"}, funcs: map[string]*Func{"example.com/a.F": {Name: "example.com/a.F"}}}
	if w := p.Foreign([]string{"example.com/b", "example.com/a"}); w != "" {
		t.Errorf("a profile of one of the packages: %q, want no warning", w)
	}
	for _, c := range []struct {
		paths []string
		want  string
	}{
		{[]string{"x/b"}, "cpu.pprof: none of the profile's functions is in x/b: a profile of another program?"},
		{[]string{"x/b", "x/c", "x/d"}, "cpu.pprof: none of the profile's functions is in x/b x/c x/d: a profile of another program?"},
		{[]string{"x/b", "x/c", "x/d", "x/e", "x/f"}, "cpu.pprof: none of the profile's functions is in x/b x/c x/d and 2 more: a profile of another program?"},
	} {
		if got := p.Foreign(c.paths); got != c.want {
			t.Errorf("Foreign(%v) = %q, want %q", c.paths, got, c.want)
		}
	}
}
