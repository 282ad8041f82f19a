package gctune

import (
	"runtime/debug"
	"testing"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, tt := range []struct {
		live, headroom uint64
		want           int
	}{
		{0, 64 * mb, 1000},
		{1 * mb, 64 * mb, 1000},
		{11 * mb, 64 * mb, 581},
		{64 * mb, 64 * mb, 100},
		{741 * mb, 64 * mb, 100},
	} {
		if got := Percent(tt.live, tt.headroom); got != tt.want {
			t.Errorf("Percent(%d MB, %d MB) = %d, want %d", tt.live/mb, tt.headroom/mb, got, tt.want)
		}
	}
}

func TestStartStop(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	t.Setenv("GOGC", "")
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	stop := Start(1 << 40) // a headroom no test heap fills: the most
	got := debug.SetGCPercent(-1)
	debug.SetGCPercent(got)
	stop()
	stop() // twice is harmless
	if got != 1000 {
		t.Errorf("GC percent while tuned: %d, want 1000", got)
	}
	after := debug.SetGCPercent(100)
	if after != 100 {
		t.Errorf("GC percent after stop: %d, want the 100 it was", after)
	}
}

func TestStartRespectsGOGC(t *testing.T) {
	t.Setenv("GOGC", "50")
	old := debug.SetGCPercent(50)
	defer debug.SetGCPercent(old)
	stop := Start(1 << 40)
	defer stop()
	got := debug.SetGCPercent(50)
	if got != 50 {
		t.Errorf("GC percent with GOGC=50 set: %d, want 50", got)
	}
}
