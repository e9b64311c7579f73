package profile

import (
	"fmt"
	"strconv"
	"strings"
)

// A Share is a fraction of a profile's total, from 0 to 1. As a flag
// value (-hot) it reads "1%" or "0.01".
type Share float64

// DefaultHot is -hot's default in every mode: a finding under 1% of CPU
// is not worth rewriting.
const DefaultHot Share = 0.01

// ParseShare reads a percentage from 0% to 100% ("1%", "12.5%") or a
// fraction below 1 ("0.01"), written in decimal. Anything else is an
// error naming v: a threshold out of range would hide every finding, or
// none, without saying so. A bare 1 is refused too: it would mean 100%,
// and whoever types it means 1%.
func ParseShare(v string) (Share, error) {
	num, pct := strings.CutSuffix(v, "%")
	if !decimal(num) {
		return 0, shareError(v)
	}
	if pct {
		// Shift the decimal point rather than divide by 100, so that
		// "0.3%" is exactly the share 3 samples in 1000 make and a
		// finding at the threshold is kept.
		num += "e-2"
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f > 1 || f == 1 && !pct {
		return 0, shareError(v)
	}
	return Share(f), nil
}

// decimal reports whether s has only digits and points: no sign, no
// exponent, no "NaN" or "Inf", no hexadecimal. ParseFloat checks the rest.
func decimal(s string) bool { return strings.TrimLeft(s, "0123456789.") == "" }

func shareError(v string) error {
	return fmt.Errorf("%q is not a share of CPU: want a percentage from 0%% to 100%% or a fraction below 1, such as %s", v, example(v))
}

// example is the valid share a bad v most likely meant: a bare number
// from 1 to 100 ("50", "1") was meant as a percentage.
func example(v string) string {
	if f, err := strconv.ParseFloat(v, 64); err == nil && decimal(v) && f <= 100 {
		return v + "%"
	}
	return "1% or 0.01"
}

// Set parses v as ParseShare does, for the flag package.
func (s *Share) Set(v string) error {
	f, err := ParseShare(v)
	if err != nil {
		return err
	}
	*s = f
	return nil
}

// String writes the share as a percentage, without the noise of binary
// floating point ("7%", not "7.000000000000001%").
func (s Share) String() string {
	return strconv.FormatFloat(100*float64(s), 'g', 12, 64) + "%"
}
