package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"courtyard/try"
)

// tryIt runs the playground: the real bot against the embedded Telegram
// with a demo community, and a chat page on loopback.
func tryIt(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("courtyard try", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "", "serve the page on `ADDR` (default "+try.DefaultListen+", or any free port on 127.0.0.1 when that is taken)")
	listenAny := fs.Bool("listen-any", false, "allow -listen beyond loopback: anyone who reaches it can act as anyone in the demo")
	db := fs.String("db", "", "keep the playground's database in `FILE` (reused when it exists); default a temporary one removed at the end")
	verbose := fs.Bool("v", false, "log what the bot does")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: courtyard try [flags]\n\nRuns the bot against a Telegram simulated on this machine, with a demo\ncommunity, and serves a chat page to try it in the browser.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitConfig
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "courtyard try: unexpected arguments %q\n", fs.Args())
		return exitConfig
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	err := try.Run(ctx, try.Options{Listen: *listen, AllowAny: *listenAny, DB: *db, Log: log}, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "courtyard try:", err)
		return exitFail
	}
	return exitOK
}
