// Package schedule is the bot's time-driven work, in two parts that read
// cron expressions with one parser (ParseSpec) on the community's wall
// clock (Next).
//
// Periodic scans (escalation, auto-close, patrol layout, visit rounds,
// housekeeping, and the scan of due items) are Jobs run by a Periodic on
// their cron expressions. Each run is one transaction together with the
// record of the run (storage.Tx.RecordRun), or, for a job too long for one
// (Job.Windows), several, recorded once the last committed; what it sends
// goes through the outbox. A scan reads the state it acts on (what is overdue, what is left
// to lay out) and marks what it did in that transaction, so a run that is
// rolled back or killed leaves nothing behind and the next run does its
// work once.
//
// Due items are work due at a moment, once: reminders, shift alerts,
// scheduled notices. Items are rows in storage (see storage.ScheduleDue);
// the Runner's Scan, itself a periodic scan run every minute, picks those
// that are due and runs each with its done mark and the outbox rows it
// writes in one savepoint. A large wave is run in windows, each its own
// transaction of at most 500 items or about 20 ms of work (Job.Windows),
// so the single writer is free between them and incoming updates are not
// held up by the wave.
//
// A capability adds a kind in commands.TimedKinds and lays its items out in
// the transaction that decides them. For a job's reminders, say:
//
//	// on publish (and again on a change of time, after cancelling)
//	tx.ScheduleDue(storage.DueItem{Kind: "job.remind", Key: "12:24h",
//		DueAt: start.Add(-24 * time.Hour), Until: start, Data: `{"job":12}`}, now)
//	// on cancel
//	tx.CancelDuePrefix("job.remind", "12:")
//
// The handler re-reads what it needs (the job may have changed) and writes
// its messages to the outbox; returning an error undoes them and retries.
// Keys are unique among a kind's pending items; the same Kind, Key and
// DueAt is done at most once, also when laid out again after a restart.
// A recurring item may schedule its next occurrence under its own key from
// its handler (see Next for the moment).
//
// # After downtime
//
// Work that fell due while the bot was down is done once when it is back,
// if it is still worth doing:
//
//   - A periodic scan runs once at start when one of its moments passed
//     since its last recorded run, or it never ran; then it follows its
//     schedule. Missed moments are not run one by one: a scan acts on the
//     state at the time it runs, so one run covers them all. A run that
//     did not commit (an error, a crash) is not recorded and so is done
//     again at the next start; one that committed is not.
//   - A due item is done by the first scan after its DueAt if its Until
//     (its grace) has not passed. One picked up after its Until is not
//     done: it is recorded as missed, logged with how late it is, and
//     handed to its kind's Missed, if any (to tell staff).
package schedule
