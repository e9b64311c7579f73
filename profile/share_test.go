package profile_test

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/profile"
)

func TestParseShare(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want profile.Share
	}{
		{"1%", 0.01},
		{"0.3%", 0.003}, // exactly: 3 samples in 1000 are at the threshold
		{"12.5%", 0.125},
		{"100%", 1},
		{"0%", 0},
		{"99.99%", 0.9999},
		{".5%", 0.005},
		{"0", 0},
		{"0.01", 0.01},
		{"0.9", 0.9},
		{"007%", 0.07},
	} {
		got, err := profile.ParseShare(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseShare(%q) = %v, %v; want %v", tc.in, float64(got), err, float64(tc.want))
		}
	}
	const want = `: want a percentage from 0% to 100% or a fraction below 1, such as `
	for _, tc := range []struct{ in, example string }{
		{"50", "50%"}, // a percentage without its sign
		{"1", "1%"},   // would be 100%: surely 1% was meant
		{"1.0", "1.0%"},
		{"1.5", "1.5%"},
		{"100", "100%"},
		{"100.5", "1% or 0.01"},
		{"1.0000001", "1.0000001%"},
		{"200%", "1% or 0.01"},
		{"100.001%", "1% or 0.01"},
		{"-1%", "1% or 0.01"},
		{"-0.5", "1% or 0.01"},
		{"NaN", "1% or 0.01"},
		{"NaN%", "1% or 0.01"},
		{"Inf", "1% or 0.01"},
		{"Inf%", "1% or 0.01"},
		{"+Inf", "1% or 0.01"},
		{"1e-2", "1% or 0.01"},
		{"1e1", "1% or 0.01"},
		{"0x1p-3", "1% or 0.01"},
		{"+0.5", "1% or 0.01"},
		{"1_0%", "1% or 0.01"},
		{"", "1% or 0.01"},
		{"%", "1% or 0.01"},
		{".", "1% or 0.01"},
		{"1..2", "1% or 0.01"},
		{"5%%", "1% or 0.01"},
		{"5 %", "1% or 0.01"},
		{" 5%", "1% or 0.01"},
		{"five", "1% or 0.01"},
		{"1" + strings.Repeat("0", 400), "1% or 0.01"},
	} {
		got, err := profile.ParseShare(tc.in)
		if msg := `"` + tc.in + `" is not a share of CPU` + want + tc.example; err == nil || err.Error() != msg || got != 0 {
			t.Errorf("ParseShare(%q) = %v, %v\nwant the error %s", tc.in, float64(got), err, msg)
		}
	}
}

func TestShareString(t *testing.T) {
	for _, tc := range []struct {
		in   profile.Share
		want string
	}{
		{0.01, "1%"},
		{0.07, "7%"}, // 100*0.07 is 7.000000000000001
		{0.125, "12.5%"},
		{0.003, "0.3%"},
		{0, "0%"},
		{1, "100%"},
		{profile.DefaultHot, "1%"},
	} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("Share(%v).String() = %q, want %q", float64(tc.in), got, tc.want)
		}
	}
}

// TestShareFlag uses Share as a flag, as hotspot and report do: a bad
// value leaves the default in place.
func TestShareFlag(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	hot := profile.DefaultHot
	fs.Var(&hot, "hot", "")
	if err := fs.Parse([]string{"-hot", "2.5%"}); err != nil || hot != 0.025 {
		t.Errorf("-hot 2.5%%: %v, %v; want 0.025", float64(hot), err)
	}
	err := fs.Parse([]string{"-hot=50"})
	if want := `invalid value "50" for flag -hot: "50" is not a share of CPU: want a percentage from 0% to 100% or a fraction below 1, such as 50%`; err == nil || err.Error() != want || hot != 0.025 {
		t.Errorf("-hot=50: %v, %v\nwant %s, and 0.025 kept", float64(hot), err, want)
	}
	if def := fs.Lookup("hot").DefValue; def != "1%" {
		t.Errorf("default shown as %q, want 1%%", def)
	}
}
