-- The read cache's generations (src/storage/cache.rs). Before, any commit emptied the
-- cache, since SQLite's data_version moves for every commit to the file: a session
-- saved after a page showed its success message, or a sign-in, emptied it as an edit
-- does. Now a commit empties it only if it changed something a page can show: every
-- table below bumps the count 'records' on each insert, update and delete, in the
-- writing transaction, from any connection or process. Left out: sessions, the
-- bookkeeping of signing in (users' failed attempts, lock, last sign-in, password),
-- audit entries that no History section shows (sign-ins, exports), and the tables
-- written only by triggers of the ones below (the search index and the tallies).
-- tests/storage/cache.rs fails if a table is added without its triggers.
--
-- A second count, 'accounts', moves with every change to sessions and users: the
-- session and user each request reads are kept in memory until it moves
-- (src/storage/memo.rs), so an edit no longer makes every request read them again.

CREATE TABLE change_counts (
    what TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO change_counts (what, n) VALUES ('records', 0), ('accounts', 0);


CREATE TRIGGER agreements_counted_insert AFTER INSERT ON agreements BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreements_counted_update AFTER UPDATE ON agreements BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreements_counted_delete AFTER DELETE ON agreements BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER agreement_parties_counted_insert AFTER INSERT ON agreement_parties BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreement_parties_counted_update AFTER UPDATE ON agreement_parties BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreement_parties_counted_delete AFTER DELETE ON agreement_parties BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER agreement_status_history_counted_insert AFTER INSERT ON agreement_status_history BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreement_status_history_counted_update AFTER UPDATE ON agreement_status_history BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreement_status_history_counted_delete AFTER DELETE ON agreement_status_history BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER agreement_strands_counted_insert AFTER INSERT ON agreement_strands BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreement_strands_counted_update AFTER UPDATE ON agreement_strands BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER agreement_strands_counted_delete AFTER DELETE ON agreement_strands BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER app_meta_counted_insert AFTER INSERT ON app_meta BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER app_meta_counted_update AFTER UPDATE ON app_meta BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER app_meta_counted_delete AFTER DELETE ON app_meta BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER assessments_counted_insert AFTER INSERT ON assessments BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER assessments_counted_update AFTER UPDATE ON assessments BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER assessments_counted_delete AFTER DELETE ON assessments BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER briefing_texts_counted_insert AFTER INSERT ON briefing_texts BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER briefing_texts_counted_update AFTER UPDATE ON briefing_texts BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER briefing_texts_counted_delete AFTER DELETE ON briefing_texts BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER calendar_feeds_counted_insert AFTER INSERT ON calendar_feeds BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER calendar_feeds_counted_update AFTER UPDATE ON calendar_feeds BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER calendar_feeds_counted_delete AFTER DELETE ON calendar_feeds BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER classification_levels_counted_insert AFTER INSERT ON classification_levels BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER classification_levels_counted_update AFTER UPDATE ON classification_levels BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER classification_levels_counted_delete AFTER DELETE ON classification_levels BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER commitments_counted_insert AFTER INSERT ON commitments BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER commitments_counted_update AFTER UPDATE ON commitments BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER commitments_counted_delete AFTER DELETE ON commitments BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER commitment_strands_counted_insert AFTER INSERT ON commitment_strands BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER commitment_strands_counted_update AFTER UPDATE ON commitment_strands BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER commitment_strands_counted_delete AFTER DELETE ON commitment_strands BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER digest_deliveries_counted_insert AFTER INSERT ON digest_deliveries BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER digest_deliveries_counted_update AFTER UPDATE ON digest_deliveries BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER digest_deliveries_counted_delete AFTER DELETE ON digest_deliveries BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER marking_terms_counted_insert AFTER INSERT ON marking_terms BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER marking_terms_counted_update AFTER UPDATE ON marking_terms BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER marking_terms_counted_delete AFTER DELETE ON marking_terms BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER partners_counted_insert AFTER INSERT ON partners BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER partners_counted_update AFTER UPDATE ON partners BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER partners_counted_delete AFTER DELETE ON partners BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER record_reviews_counted_insert AFTER INSERT ON record_reviews BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER record_reviews_counted_update AFTER UPDATE ON record_reviews BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER record_reviews_counted_delete AFTER DELETE ON record_reviews BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER routes_counted_insert AFTER INSERT ON routes BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER routes_counted_update AFTER UPDATE ON routes BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER routes_counted_delete AFTER DELETE ON routes BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER route_legs_counted_insert AFTER INSERT ON route_legs BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER route_legs_counted_update AFTER UPDATE ON route_legs BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER route_legs_counted_delete AFTER DELETE ON route_legs BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER sharing_arrangements_counted_insert AFTER INSERT ON sharing_arrangements BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER sharing_arrangements_counted_update AFTER UPDATE ON sharing_arrangements BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER sharing_arrangements_counted_delete AFTER DELETE ON sharing_arrangements BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER sharing_data_categories_counted_insert AFTER INSERT ON sharing_data_categories BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER sharing_data_categories_counted_update AFTER UPDATE ON sharing_data_categories BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER sharing_data_categories_counted_delete AFTER DELETE ON sharing_data_categories BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

CREATE TRIGGER uk_bodies_counted_insert AFTER INSERT ON uk_bodies BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER uk_bodies_counted_update AFTER UPDATE ON uk_bodies BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER uk_bodies_counted_delete AFTER DELETE ON uk_bodies BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

-- Users: what pages show of them (names in lists and choices) and what decides access.
CREATE TRIGGER users_counted_insert AFTER INSERT ON users BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER users_counted_update AFTER UPDATE OF email, display_name, role, clearance, active, digest_enabled ON users BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;
CREATE TRIGGER users_counted_delete AFTER DELETE ON users BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

-- Audit entries: only those a record's History section shows (storage/audit_log/history.rs).
CREATE TRIGGER audit_log_counted_insert AFTER INSERT ON audit_log
 WHEN NEW.entity IN ('agreement', 'commitment', 'sharing_arrangement', 'route')
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'records'; END;

-- Sessions and users, every column: what the access check of each request reads.
CREATE TRIGGER sessions_accounted_insert AFTER INSERT ON sessions BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'accounts'; END;
CREATE TRIGGER sessions_accounted_update AFTER UPDATE ON sessions BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'accounts'; END;
CREATE TRIGGER sessions_accounted_delete AFTER DELETE ON sessions BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'accounts'; END;
CREATE TRIGGER users_accounted_insert AFTER INSERT ON users BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'accounts'; END;
CREATE TRIGGER users_accounted_update AFTER UPDATE ON users BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'accounts'; END;
CREATE TRIGGER users_accounted_delete AFTER DELETE ON users BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'accounts'; END;
