package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// ticketTexts reads the texts of every ticket in the database at path.
func ticketTexts(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite3", storage.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT text FROM tickets")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out[s] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBackupDrill takes backups with `courtyard backup` while the bot files
// tickets as fast as residents send them: each copy passes SQLite's
// integrity check and holds every ticket committed before it was started.
func TestBackupDrill(t *testing.T) {
	bin := buildBinary(t)
	tg := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "live.db")
	cfgPath := writeFile(t, "c.yaml", fmt.Sprintf(crashConfig, tg.URL(), db, `"1"`))
	p := &botProcess{t: t, bin: bin, config: cfgPath}
	p.start()
	t.Cleanup(func() {
		p.end(syscall.SIGTERM)
		if t.Failed() {
			t.Logf("bot log:\n%s", p.logs[0].String())
		}
	})
	admin := tg.User(1000, "Boss", "zh")
	g := tg.Group(-1001000, "1号楼")
	tg.SendText(admin, g, "/linkchat 1")
	tg.WaitMessage(t, g.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "本群已关联") }, time.Minute)
	cfg, err := config.Load(cfgPath, func(string) string { return telegramtest.Token })
	if err != nil {
		t.Fatal(err)
	}

	// Residents report without pause until the drill ends.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if tg.Pending() > 50 {
				tg.WaitUntil(t, func() bool { return tg.Pending() <= 50 }, time.Minute)
			}
			u := tg.User(int64(3000+i%100), fmt.Sprintf("住户%d", i%100), "zh")
			tg.SendText(u, g, fmt.Sprintf("/report drill-%05d 楼道灯不亮", i))
		}
	}()
	defer func() { close(stop); wg.Wait() }()

	for round := range 3 {
		want := 50 * (round + 1)
		tg.WaitUntil(t, func() bool { return len(ticketTexts(t, db)) >= want }, time.Minute)
		before := ticketTexts(t, db)
		out := filepath.Join(t.TempDir(), fmt.Sprintf("copy-%d.db", round))
		var stdout, stderr bytes.Buffer
		start := time.Now()
		if code := backup(context.Background(), cfg, out, &stdout, &stderr); code != exitOK {
			t.Fatalf("backup exited %d: %s", code, stderr.String())
		}
		took := time.Since(start)
		after := ticketTexts(t, db)

		c, err := sql.Open("sqlite3", storage.DSN(out))
		if err != nil {
			t.Fatal(err)
		}
		var check string
		if err := c.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Errorf("round %d: integrity_check %q, %v", round, check, err)
		}
		c.Close()
		copied := ticketTexts(t, out)
		for text := range before {
			if !copied[text] {
				t.Errorf("round %d: ticket %q committed before the backup is not in it", round, text)
			}
		}
		for text := range copied {
			if !after[text] {
				t.Errorf("round %d: the copy has %q, which the live database does not", round, text)
			}
		}
		t.Logf("round %d: backup in %v; %d tickets before it, %d in the copy, %d after it", round, took.Round(time.Millisecond), len(before), len(copied), len(after))
	}
}
