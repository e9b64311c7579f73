package report

import (
	"strings"
	"testing"
)

// TestBars checks the chart's layout: the largest share is a full bar of
// 560 pixels (560·0.0289/0.0289 is 559.99… in floating point, so the
// ratio is taken first), half of it half a bar, none a bar of 1 pixel so
// that it shows; a bar every 26 pixels; labels kept to their last 40
// columns.
func TestBars(t *testing.T) {
	long := strings.Repeat("x", 30)
	r := &Report{Findings: []Finding{
		{Rank: 1, Kind: KindPollLoop, Name: "Task.Poll", Cum: 0.0289},
		{Rank: 2, Kind: KindStateMachine, Name: long, Cum: 0.01445},
		{Rank: 3, Kind: KindPollLoop, Name: "Task.Poll"},
	}}
	want := []bar{
		{Y: 10, W: 560, Label: "poll loop Task.Poll", Pct: "2.9%", Rank: 1},
		{Y: 36, W: 280, Label: "… machine " + long, Pct: "1.4%", Rank: 2},
		{Y: 62, W: 1, Label: "poll loop Task.Poll", Pct: "0.0%", Rank: 3},
	}
	got := r.Bars()
	if len(got) != len(want) {
		t.Fatalf("%d bars, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bar %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if h := r.ChartHeight(); h != 20+26*3 {
		t.Errorf("chart height %d, want %d", h, 20+26*3)
	}
	if bars := (&Report{Findings: []Finding{{Cum: 0}}}).Bars(); len(bars) != 1 || bars[0].W != 1 {
		t.Errorf("with no CPU at all, bars = %+v; want one of 1 pixel", bars)
	}
}

func TestTotalText(t *testing.T) {
	for _, c := range []struct {
		unit  string
		total int64
		want  string
	}{
		{"nanoseconds", 2_420_000_000, "2.42 s of CPU"},
		{"count", 242, "242 samples"},
	} {
		if got := (&Report{Unit: c.unit, Total: c.total}).TotalText(); got != c.want {
			t.Errorf("%d %s: %q, want %q", c.total, c.unit, got, c.want)
		}
	}
}
