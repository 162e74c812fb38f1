// Runs once, on the first start of the production form's MongoDB: per service, a user who may read and write
// that service's data database and nothing else, and another for its key database (the per-survivor and
// per-case keys, kept apart so that a backup of the data alone holds no usable key). Passwords are read from
// secret files.
const fs = require('fs');
const secret = (name) => fs.readFileSync('/run/secrets/' + name, 'utf8').replace(/\r?\n$/, ''); // as the apps read it: only a final newline dropped
for (const service of ['intake', 'case', 'referral', 'notification']) {
  db.getSiblingDB(service).createUser({ user: service, pwd: secret(service + '_mongo_password'),
    roles: [{ role: 'readWrite', db: service }] });
  const keys = service + '_keys';
  db.getSiblingDB(keys).createUser({ user: keys, pwd: secret(keys + '_mongo_password'),
    roles: [{ role: 'readWrite', db: keys }] });
}
// reporting keeps no survivor's details and so no keys: its data database alone
db.getSiblingDB('reporting').createUser({ user: 'reporting', pwd: secret('reporting_mongo_password'),
  roles: [{ role: 'readWrite', db: 'reporting' }] });
