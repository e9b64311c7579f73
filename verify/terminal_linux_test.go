package verify

import (
	"io"
	"os"
	"strconv"
	"syscall"
	"testing"
	ptr "unsafe" // the package has a func unsafe
)

// terminal opens a pseudo-terminal and returns its terminal end, which
// verify writes to as a user's terminal, and a function that closes it
// and returns what was written there (a terminal shows "\n" as "\r\n").
func terminal(t *testing.T) (*os.File, func() string) {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	var n uint32
	var unlock int32
	for _, c := range []struct {
		req uintptr
		arg ptr.Pointer
	}{{syscall.TIOCGPTN, ptr.Pointer(&n)}, {syscall.TIOCSPTLCK, ptr.Pointer(&unlock)}} {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, ptmx.Fd(), c.req, uintptr(c.arg)); errno != 0 {
			t.Skipf("no pseudo-terminal: %v", errno)
		}
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	out := make(chan string)
	go func() {
		// Reading ends in EIO once the terminal end is closed.
		b, _ := io.ReadAll(ptmx)
		out <- string(b)
	}()
	return tty, func() string {
		tty.Close()
		return <-out
	}
}
