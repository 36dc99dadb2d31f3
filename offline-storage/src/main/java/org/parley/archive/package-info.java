/**
 * The message archive of local users (XEP-0313 Message Archive Management, with XEP-0059 Result Set Management
 * paging, XEP-0359 stanza ids, XEP-0441 preferences and XEP-0334 storage hints): every chat or normal message a user
 * sends or receives is kept, in order, under a time-ordered 64-bit id ({@link org.parley.archive.ArchiveIds}) that
 * the recipient also gets as {@code <stanza-id/>}; the user pages through their own archive with filters by peer,
 * time and id. Writes are batched off the event loops ({@link org.parley.archive.ArchiveWriter}); a page is one
 * index range scan ({@link org.parley.archive.JooqArchiveStore}). The same code ({@link org.parley.archive.MessageStore},
 * {@link org.parley.archive.ArchivePager}, the writer and the retention) keeps group chat rooms' archives for the MUC
 * module. XEP-0424 retractions replace the retracted message by a tombstone. See {@code docs/archive.md}.
 */
package org.parley.archive;
