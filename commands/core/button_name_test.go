package core

import "testing"

func TestButtonName(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Litter pick", 30, "Litter pick"},
		{"Litter pick by the east gate and the bike shed", 20, "Litter pick by the…"},
		{"Litter pick by the east gate", 24, "Litter pick by the east…"},
		{"Supercalifragilisticexpialidocious", 10, "Supercali…"},
		{"清扫E区小巷和自行车棚旁边的绿地", 10, "清扫E区小巷和自行…"},
		{"Clean up, then tea", 13, "Clean up…"},
	} {
		if got := ButtonName(c.in, c.n); got != c.want {
			t.Errorf("ButtonName(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
