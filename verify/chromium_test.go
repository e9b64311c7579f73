package verify

import (
	"context"
	"encoding/json"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// layoutProbe is appended to a copy of the page under test: it measures
// the rendered page and writes what it found into the DOM, which
// --dump-dom prints. The page itself has no script.
const layoutProbe = `<script>
(() => {
  const box = e => e.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const style = e => getComputedStyle(e);
  const facts = {
    overflowing: [...document.body.querySelectorAll('*')]
      .filter(e => box(e).right > width + 0.5)
      .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
    pageWider: document.documentElement.scrollWidth > width,
    rows: [...document.querySelectorAll('#verdicts tr')].length,
    sections: [...document.querySelectorAll('section.finding')].map(s => box(s).top),
    tableBottom: box(document.querySelector('#verdicts')).bottom,
    gaps: [...document.querySelectorAll('table.comparisons')].map(c => box(c).top - box(c.previousElementSibling).bottom),
    holds: style(document.querySelector('.holds')).color,
    verdictWeight: [...document.querySelectorAll('td.verdict')].map(e => style(e).fontWeight),
    numAlign: [...new Set([...document.querySelectorAll('td.num')].map(e => style(e).textAlign))],
    pres: [...document.querySelectorAll('pre')].map(p => ({class: p.className, background: style(p).backgroundColor,
      scrolls: style(p).overflowX, monospace: style(p).fontFamily.includes('monospace')})),
  };
  const out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify(facts);
  document.body.appendChild(out);
})();
</script>
`

// layout is what layoutProbe measured.
type layout struct {
	Overflowing   []string
	PageWider     bool
	Rows          int
	Sections      []float64
	TableBottom   float64
	Gaps          []float64 // between a benchmark's table of builds and its comparisons
	Holds         string
	VerdictWeight []string
	NumAlign      []string
	Pres          []struct {
		Class, Background, Scrolls string
		Monospace                  bool
	}
}

// TestHTMLInChromium renders the HTML of a recorded verify result of the
// mixed fixture (testdata/mixed.json, which TestMixed keeps what verify
// produces) in headless Chromium (Debian's package; .ci/run installs it),
// at a desktop's width and a narrow one: nothing sticks out of the page,
// the verdict table lists every finding above them, the failure, the
// shape and the diffs are code blocks that scroll rather than widen the
// page, a benchmark's builds and its comparisons are two tables apart,
// and the screenshot shows the machine line in its colour and the
// code blocks. The screenshot is kept in $FSMVET_ARTIFACTS when set.
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs Debian's package")
		}
		t.Skip("chromium is not installed (apt-get install chromium)")
	}
	res, err := readResult("testdata/mixed.json")
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	if err := res.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	plain, probed := filepath.Join(dir, "verify.html"), filepath.Join(dir, "probed.html")
	if err := os.WriteFile(plain, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(probed, []byte(strings.Replace(page.String(), "</body>", layoutProbe+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	artifacts := os.Getenv("FSMVET_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	} else if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	browse := func(file string, width, height int, args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		// The flags keep a headless browser off this machine's closed network.
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + t.TempDir(), "--window-size=" + strconv.Itoa(width) + "," + strconv.Itoa(height)}
		cmd := exec.CommandContext(ctx, chromium, append(append(base, args...), "file://"+file)...)
		var stdout strings.Builder
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium %v: %v", args, err)
		}
		return stdout.String()
	}

	for _, width := range []int{1200, 600} {
		dom := browse(probed, width, 1400, "--dump-dom")
		start, end := strings.Index(dom, `<pre id="layout">`), strings.LastIndex(dom, "</pre>")
		if start < 0 || end < start {
			t.Fatalf("width %d: the probe wrote nothing:\n%s", width, dom)
		}
		var l layout
		if err := json.Unmarshal([]byte(html.UnescapeString(dom[start+len(`<pre id="layout">`):end])), &l); err != nil {
			t.Fatalf("width %d: %v", width, err)
		}
		if len(l.Overflowing) > 0 || l.PageWider {
			t.Errorf("width %d: sticking out of the page: %v (page wider: %v)", width, l.Overflowing, l.PageWider)
		}
		if l.Rows != 1+len(res.Findings) || len(l.Sections) != len(res.Findings) {
			t.Errorf("width %d: %d rows in the verdict table, %d sections; want a header and one each of %d findings", width, l.Rows, len(l.Sections), len(res.Findings))
		}
		for i, top := range l.Sections {
			if i == 0 && top < l.TableBottom || i > 0 && top <= l.Sections[i-1] {
				t.Errorf("width %d: section %d at %v, after the table's bottom %v and sections at %v", width, i+1, top, l.TableBottom, l.Sections[:i])
			}
		}
		// Two benchmarks, each with its builds, then its comparisons:
		// apart, or they read as one table.
		if len(l.Gaps) != 2 || l.Gaps[0] < 8 || l.Gaps[1] < 8 {
			t.Errorf("width %d: gaps between the builds and the comparisons: %v, want 2 of 8px or more", width, l.Gaps)
		}
		if l.Holds != "rgb(170, 68, 0)" || strings.Join(l.VerdictWeight, " ") != "700 700 700" || strings.Join(l.NumAlign, " ") != "right" {
			t.Errorf("width %d: machine line %s, verdicts' weights %v, numbers aligned %v", width, l.Holds, l.VerdictWeight, l.NumAlign)
		}
		var classes []string
		for _, p := range l.Pres {
			classes = append(classes, p.Class)
			if p.Background != "rgb(246, 246, 246)" || p.Scrolls != "auto" || !p.Monospace {
				t.Errorf("width %d: pre.%s: background %s, overflow-x %s, monospace %v", width, p.Class, p.Background, p.Scrolls, p.Monospace)
			}
		}
		// Counter: the diff; Lamp: the shape, the diff; Worker: the
		// failure, the diff.
		if got := strings.Join(classes, " "); got != "diff shape diff failure diff" {
			t.Errorf("width %d: code blocks %s", width, got)
		}
	}

	shot := filepath.Join(artifacts, "verify.png")
	browse(plain, 1200, 6000, "--screenshot="+shot, "--hide-scrollbars")
	img, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer img.Close()
	pic, err := png.Decode(img)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	holds, code := 0, 0
	b := pic.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := pic.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r > 140 && r < 210 && g > 40 && g < 110 && bl < 60: // #a40, antialiased
				holds++
			case r == 246 && g == 246 && bl == 246: // the code blocks' #f6f6f6
				code++
			}
		}
	}
	if holds < 100 || code < 100_000 {
		t.Errorf("the screenshot shows %d pixels of the machine line's colour and %d of the code blocks'; the page did not render", holds, code)
	}
	t.Logf("screenshot: %s (%d machine-line pixels, %d code-block pixels)", shot, holds, code)
}
