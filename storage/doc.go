// Package storage keeps courtyard's state in one SQLite file.
//
// A Storage is the database: one pool of readers and a single writer
// (storage.go). Every read and write goes through a Tx, handed out by
// Update, View and Read. The schema is built by the ordered steps in
// migrations.go, written out in schema_*.go.
//
// There is one file per entity, and the methods of a file belong to the
// part of the Tx for its concern: a Tx embeds PeopleTx, TicketsTx, JobsTx,
// TeamsTx, PatrolsTx, CareTx, CalendarTx, CommunityTx and ReportsTx, one for
// each group of capabilities, and DeliveryTx and BookkeepingTx for the
// machinery (the inbox, the outbox, due items, flows, menus, the audit
// trail, blocks, keyed values). Callers see one Tx: tx.CreateTicket is
// TicketsTx's, tx.Member is PeopleTx's, and a method of one part calls the
// others' the same way. The list of which part lives in which files is on
// Tx (tx.go), and each part's own comment says what it keeps.
package storage
