"""The database triggers that keep derived member state, as literal SQL written here (never imported from live
code): the open placements of each cell (`RegisteredCount`), each member event's province and whether its member
was registered in a cell on its date. Earlier migrations installed versions built from `members.tally` at the
time they ran, so a database upgraded step by step could carry other triggers than a fresh one; this one drops
whatever is there and installs these, on every database (tests/test_triggers.py compares them). A later
change of a trigger is a new migration with its own literal SQL.
"""

from django.db import migrations

TRIGGERS = {
    "postgresql": [
        """CREATE OR REPLACE FUNCTION members_registered_shift() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN INSERT INTO members_registeredcount AS kept (organization_id, registered)
SELECT organization_id, SUM(delta) FROM (SELECT organization_id, 1 AS delta FROM new_rows WHERE valid_to = '9999-12-31') changed
GROUP BY organization_id HAVING SUM(delta) <> 0 ORDER BY organization_id
ON CONFLICT (organization_id) DO UPDATE SET registered = kept.registered + EXCLUDED.registered;
    ELSIF TG_OP = 'DELETE' THEN INSERT INTO members_registeredcount AS kept (organization_id, registered)
SELECT organization_id, SUM(delta) FROM (SELECT organization_id, -1 AS delta FROM old_rows WHERE valid_to = '9999-12-31') changed
GROUP BY organization_id HAVING SUM(delta) <> 0 ORDER BY organization_id
ON CONFLICT (organization_id) DO UPDATE SET registered = kept.registered + EXCLUDED.registered;
    ELSE INSERT INTO members_registeredcount AS kept (organization_id, registered)
SELECT organization_id, SUM(delta) FROM (SELECT organization_id, 1 AS delta FROM new_rows WHERE valid_to = '9999-12-31' UNION ALL SELECT organization_id, -1 AS delta FROM old_rows WHERE valid_to = '9999-12-31') changed
GROUP BY organization_id HAVING SUM(delta) <> 0 ORDER BY organization_id
ON CONFLICT (organization_id) DO UPDATE SET registered = kept.registered + EXCLUDED.registered;
    END IF;
    RETURN NULL;
END $$""",
        """CREATE TRIGGER members_registered_insert AFTER INSERT ON members_placement
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_registered_shift()""",
        """CREATE TRIGGER members_registered_update AFTER UPDATE ON members_placement
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_registered_shift()""",
        """CREATE TRIGGER members_registered_delete AFTER DELETE ON members_placement
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_registered_shift()""",
        """CREATE OR REPLACE FUNCTION members_memberevent_province() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.province_id := (SELECT a.ancestor_id FROM organizations_ancestry a
JOIN organizations_organization o ON o.id = a.ancestor_id
WHERE a.descendant_id = NEW.organization_id AND a.valid_to = '9999-12-31' AND o.kind = 'province'
ORDER BY a.depth LIMIT 1);
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER members_memberevent_province BEFORE INSERT OR UPDATE OF organization_id
ON members_memberevent FOR EACH ROW EXECUTE FUNCTION members_memberevent_province()""",
        """CREATE OR REPLACE FUNCTION members_memberevent_registered() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.registered := EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = NEW.member_id
AND p.valid_from <= NEW.date AND p.valid_to > NEW.date);
        RETURN NEW;
    END $$""",
        """CREATE TRIGGER members_memberevent_registered BEFORE UPDATE OF member_id, date
ON members_memberevent FOR EACH ROW EXECUTE FUNCTION members_memberevent_registered()""",
        """CREATE OR REPLACE FUNCTION members_memberevent_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE members_memberevent e SET registered = NOT e.registered
    WHERE e.id IN (SELECT id FROM new_rows) AND e.registered <> EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = e.member_id
AND p.valid_from <= e.date AND p.valid_to > e.date);
        RETURN NULL;
    END $$""",
        """CREATE TRIGGER members_memberevent_inserted AFTER INSERT ON members_memberevent
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_memberevent_inserted()""",
        """CREATE OR REPLACE FUNCTION members_placement_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN UPDATE members_memberevent e SET registered = NOT e.registered
    WHERE e.member_id IN (SELECT member_id FROM new_rows) AND e.registered <> EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = e.member_id
AND p.valid_from <= e.date AND p.valid_to > e.date);
        ELSIF TG_OP = 'DELETE' THEN UPDATE members_memberevent e SET registered = NOT e.registered
    WHERE e.member_id IN (SELECT member_id FROM old_rows) AND e.registered <> EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = e.member_id
AND p.valid_from <= e.date AND p.valid_to > e.date);
        ELSE UPDATE members_memberevent e SET registered = NOT e.registered
    WHERE e.member_id IN (SELECT member_id FROM new_rows UNION SELECT member_id FROM old_rows) AND e.registered <> EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = e.member_id
AND p.valid_from <= e.date AND p.valid_to > e.date);
        END IF;
        RETURN NULL;
    END $$""",
        """CREATE TRIGGER members_placement_events_insert AFTER INSERT ON members_placement
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_placement_events()""",
        """CREATE TRIGGER members_placement_events_update AFTER UPDATE ON members_placement
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_placement_events()""",
        """CREATE TRIGGER members_placement_events_delete AFTER DELETE ON members_placement
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_placement_events()""",
    ],
    "sqlite": [
        """CREATE TRIGGER members_registered_insert AFTER INSERT ON members_placement WHEN NEW.valid_to = '9999-12-31'
BEGIN
    INSERT INTO members_registeredcount (organization_id, registered) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET registered = registered + 1;
END""",
        """CREATE TRIGGER members_registered_update AFTER UPDATE OF organization_id, valid_to ON members_placement
BEGIN
    UPDATE members_registeredcount SET registered = registered - 1
    WHERE organization_id = OLD.organization_id AND OLD.valid_to = '9999-12-31';
    INSERT INTO members_registeredcount (organization_id, registered)
    SELECT NEW.organization_id, 1 WHERE NEW.valid_to = '9999-12-31'
    ON CONFLICT (organization_id) DO UPDATE SET registered = registered + 1;
END""",
        """CREATE TRIGGER members_registered_delete AFTER DELETE ON members_placement WHEN OLD.valid_to = '9999-12-31'
BEGIN
    UPDATE members_registeredcount SET registered = registered - 1
    WHERE organization_id = OLD.organization_id;
END""",
        """CREATE TRIGGER members_memberevent_province_insert AFTER INSERT ON members_memberevent
        BEGIN
            UPDATE members_memberevent SET province_id = (SELECT a.ancestor_id FROM organizations_ancestry a
JOIN organizations_organization o ON o.id = a.ancestor_id
WHERE a.descendant_id = NEW.organization_id AND a.valid_to = '9999-12-31' AND o.kind = 'province'
ORDER BY a.depth LIMIT 1) WHERE id = NEW.id;
        END""",
        """CREATE TRIGGER members_memberevent_province_update AFTER UPDATE OF organization_id ON members_memberevent
        BEGIN
            UPDATE members_memberevent SET province_id = (SELECT a.ancestor_id FROM organizations_ancestry a
JOIN organizations_organization o ON o.id = a.ancestor_id
WHERE a.descendant_id = NEW.organization_id AND a.valid_to = '9999-12-31' AND o.kind = 'province'
ORDER BY a.depth LIMIT 1) WHERE id = NEW.id;
        END""",
        """CREATE TRIGGER members_memberevent_registered_insert AFTER INSERT
    ON members_memberevent BEGIN
        UPDATE members_memberevent SET registered = EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = NEW.member_id
AND p.valid_from <= NEW.date AND p.valid_to > NEW.date) WHERE id = NEW.id;
    END""",
        """CREATE TRIGGER members_memberevent_registered_update AFTER UPDATE OF member_id, date
    ON members_memberevent BEGIN
        UPDATE members_memberevent SET registered = EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = NEW.member_id
AND p.valid_from <= NEW.date AND p.valid_to > NEW.date) WHERE id = NEW.id;
    END""",
        """CREATE TRIGGER members_placement_events_insert AFTER INSERT ON members_placement BEGIN
        UPDATE members_memberevent SET registered = EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = members_memberevent.member_id
AND p.valid_from <= members_memberevent.date AND p.valid_to > members_memberevent.date)
        WHERE member_id IN (NEW.member_id);
    END""",
        """CREATE TRIGGER members_placement_events_update AFTER UPDATE ON members_placement BEGIN
        UPDATE members_memberevent SET registered = EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = members_memberevent.member_id
AND p.valid_from <= members_memberevent.date AND p.valid_to > members_memberevent.date)
        WHERE member_id IN (OLD.member_id, NEW.member_id);
    END""",
        """CREATE TRIGGER members_placement_events_delete AFTER DELETE ON members_placement BEGIN
        UPDATE members_memberevent SET registered = EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = members_memberevent.member_id
AND p.valid_from <= members_memberevent.date AND p.valid_to > members_memberevent.date)
        WHERE member_id IN (OLD.member_id);
    END""",
    ],
}

DROP = {
    "postgresql": [
        """DROP FUNCTION IF EXISTS members_registered_shift() CASCADE""",
        """DROP FUNCTION IF EXISTS members_memberevent_province() CASCADE""",
        """DROP FUNCTION IF EXISTS members_memberevent_registered() CASCADE""",
        """DROP FUNCTION IF EXISTS members_memberevent_inserted() CASCADE""",
        """DROP FUNCTION IF EXISTS members_placement_events() CASCADE""",
    ],
    "sqlite": [
        """DROP TRIGGER IF EXISTS members_registered_insert""",
        """DROP TRIGGER IF EXISTS members_registered_update""",
        """DROP TRIGGER IF EXISTS members_registered_delete""",
        """DROP TRIGGER IF EXISTS members_memberevent_province_insert""",
        """DROP TRIGGER IF EXISTS members_memberevent_province_update""",
        """DROP TRIGGER IF EXISTS members_memberevent_registered_insert""",
        """DROP TRIGGER IF EXISTS members_memberevent_registered_update""",
        """DROP TRIGGER IF EXISTS members_placement_events_insert""",
        """DROP TRIGGER IF EXISTS members_placement_events_update""",
        """DROP TRIGGER IF EXISTS members_placement_events_delete""",
    ],
}


def install(apps, schema_editor):
    """Drop what an earlier version installed (built then from live code), then install these."""
    for statement in DROP.get(schema_editor.connection.vendor, []) + TRIGGERS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0007_person_outside_registry"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
