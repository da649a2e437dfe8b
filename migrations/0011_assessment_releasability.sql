-- Assessments and record reviews carry a full marking like the records they judge:
-- an assessment may not be marked below its commitment, and a commitment's marking
-- can include a releasability (e.g. UK EYES ONLY), which 0002/0010 had no column for.
ALTER TABLE assessments ADD COLUMN releasability TEXT;
ALTER TABLE record_reviews ADD COLUMN releasability TEXT;
