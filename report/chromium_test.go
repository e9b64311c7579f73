package report_test

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHTMLInChromium renders the HTML report in headless Chromium (Debian's
// package; .ci/run installs it), checks the rendered DOM holds the chart
// and every finding, and checks the screenshot shows the chart's bars. The
// screenshot is kept in $FSMVET_ARTIFACTS when set.
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a CPU profile and starts a browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs Debian's package")
		}
		t.Skip("chromium is not installed (apt-get install chromium)")
	}
	dir, pprof := wholeProgram(t)
	r := build(t, dir, pprof)
	page := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(f); err != nil {
		t.Fatal(err)
	}
	f.Close()

	artifacts := os.Getenv("FSMVET_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	} else if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(artifacts, "report.png")
	browse := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		// The flags keep a headless browser off this machine's closed network.
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + t.TempDir(), "--window-size=1200,1400"}
		cmd := exec.CommandContext(ctx, chromium, append(append(base, args...), "file://"+page)...)
		var stdout strings.Builder
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium %v: %v", args, err)
		}
		return stdout.String()
	}
	dom := browse("--dump-dom")
	if !strings.Contains(dom, `<svg id="chart"`) {
		t.Errorf("the rendered page has no chart")
	}
	if got, want := strings.Count(dom, `class="bar"`), len(r.Findings); got != want {
		t.Errorf("the chart has %d bars, want one per finding (%d)", got, want)
	}
	if got, want := strings.Count(dom, `class="finding"`), len(r.Findings); got != want {
		t.Errorf("the page shows %d findings, want %d", got, want)
	}
	browse("--screenshot=" + shot)
	img, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer img.Close()
	pic, err := png.Decode(img)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	red := 0 // the bars' colour, #c0392b
	b := pic.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := pic.At(x, y).RGBA()
			if r>>8 > 170 && r>>8 < 215 && g>>8 > 35 && g>>8 < 80 && bl>>8 > 25 && bl>>8 < 65 {
				red++
			}
		}
	}
	if red < 1000 {
		t.Errorf("the screenshot shows %d pixels of the bars' colour; the chart did not render", red)
	}
	t.Logf("screenshot: %s (%d bar pixels)", shot, red)
}
