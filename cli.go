package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"courtyard/app"
	"courtyard/config"
	"courtyard/storage"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `courtyard: a Telegram bot for a residential community's group chats.

Usage:
  courtyard try [-listen ADDR]          try the bot in the browser with a demo community:
                                        no token, no config, nothing reaches Telegram
  courtyard [run] [-config FILE]        run the bot (the default)
  courtyard migrate [-config FILE]      apply database migrations and exit
  courtyard backup [-config FILE] OUT   write a consistent copy of the database to OUT
  courtyard check-config [-config FILE] check the configuration and exit
  courtyard health [-config FILE]       ask the running bot's /healthz (exit 0 when healthy)
  courtyard version                     print the version

FILE is config.yaml unless given. The bot token may come from
COURTYARD_TELEGRAM_TOKEN instead of the file.
Run "courtyard COMMAND -h" for a command's flags.
`

const backupUsage = "usage: courtyard backup [-config FILE] OUT.db"

// noConfig is said when the configuration file is not there: how to make
// one, and how to try the bot without one.
const noConfig = `courtyard: no configuration file %s.
To run the bot for your community, start from the example and edit it:
    cp config.example.yaml %s
To try the bot first, with no configuration and no token:
    courtyard try        (in a clone of the source: go run . try)
`

// Exit statuses.
const (
	exitOK     = 0
	exitFail   = 1
	exitConfig = 2
)

// run is the whole program; it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	sub := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "version":
		fmt.Fprintln(stdout, "courtyard", version)
		return exitOK
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "try":
		return tryIt(ctx, args, stdout, stderr)
	case "run", "migrate", "backup", "check-config", "health":
	default:
		fmt.Fprintf(stderr, "courtyard: unknown command %q\n\n%s", sub, usage)
		return exitConfig
	}
	fs := flag.NewFlagSet("courtyard "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.yaml", "the configuration `file`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\nFlags of %q:\n", usage, sub)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitConfig
	}
	rest := fs.Args()
	switch {
	case sub == "backup" && len(rest) == 0:
		fmt.Fprintln(stderr, "courtyard backup: name the file to write the copy to, e.g. backups/courtyard-2026-12-01.db")
		fmt.Fprintln(stderr, backupUsage)
		return exitConfig
	case sub == "backup" && len(rest) > 1:
		fmt.Fprintf(stderr, "courtyard backup: one file to write, not %d: %q\n", len(rest), rest)
		fmt.Fprintln(stderr, backupUsage)
		return exitConfig
	case sub != "backup" && len(rest) > 0:
		fmt.Fprintf(stderr, "courtyard %s: unexpected arguments %q\n", sub, rest)
		return exitConfig
	}
	if _, err := os.Stat(*path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, noConfig, *path, *path)
		return exitConfig
	}
	cfg, err := config.Load(*path, getenv)
	if errors.Is(err, config.ErrNoToken) && sub != "run" {
		// The token usually comes from the environment when the bot runs;
		// nothing but run talks to Telegram.
		if sub == "check-config" {
			fmt.Fprintf(stdout, "%s: OK (%s, %d buildings); no token yet: set %s when you run the bot\n",
				*path, cfg.Community.Name, len(cfg.Community.Buildings), config.TokenEnv)
			return exitOK
		}
		err = nil
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitConfig
	}
	log := newLogger(cfg.Log, stderr)
	switch sub {
	case "check-config":
		fmt.Fprintf(stdout, "%s: OK (%s, %d buildings)\n", *path, cfg.Community.Name, len(cfg.Community.Buildings))
		return exitOK
	case "migrate":
		return migrate(ctx, cfg, stdout, stderr)
	case "backup":
		return backup(ctx, cfg, rest[0], stdout, stderr)
	case "health":
		return health(ctx, cfg, stdout, stderr)
	}
	if err := app.Run(ctx, cfg, app.Options{Log: log}); err != nil {
		log.Error("courtyard stopped with an error", "err", err)
		return exitFail
	}
	return exitOK
}

func migrate(ctx context.Context, cfg config.Config, stdout, stderr io.Writer) int {
	s, err := storage.Open(ctx, cfg.Database.Path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	defer s.Close()
	v, err := s.Version(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	fmt.Fprintf(stdout, "%s: schema version %d\n", cfg.Database.Path, v)
	return exitOK
}

func backup(ctx context.Context, cfg config.Config, out string, stdout, stderr io.Writer) int {
	if _, err := os.Stat(cfg.Database.Path); err != nil {
		fmt.Fprintf(stderr, "courtyard backup: no database at %s\n", cfg.Database.Path)
		return exitFail
	}
	if _, err := os.Stat(out); err == nil {
		fmt.Fprintf(stderr, "courtyard backup: %s already exists; choose a new file\n", out)
		return exitFail
	}
	s, err := storage.OpenNoMigrate(cfg.Database.Path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	defer s.Close()
	if err := s.Backup(ctx, out); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	fmt.Fprintf(stdout, "backup written to %s\n", out)
	return exitOK
}

// health asks the running bot's /healthz, for a container's HEALTHCHECK.
// With the listener off there is nothing to ask, and it says so and exits 0.
func health(ctx context.Context, cfg config.Config, stdout, stderr io.Writer) int {
	if cfg.HTTP.Listen == "" {
		fmt.Fprintln(stdout, "http.listen is off: nothing to check")
		return exitOK
	}
	host, port, err := net.SplitHostPort(cfg.HTTP.Listen)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitConfig
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/healthz", nil)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "courtyard health:", err)
		return exitFail
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1024))
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "courtyard health: %d %s", res.StatusCode, body)
		return exitFail
	}
	fmt.Fprintf(stdout, "%s", body)
	return exitOK
}

func newLogger(c config.Log, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
