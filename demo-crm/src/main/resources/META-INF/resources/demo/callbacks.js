// The callbacks page's own script: names each contact of <dialbridge-callbacks> from the list the
// page carries (Dialbridge knows a call's contact id, the CRM knows the name).
const names = new Map([...document.querySelectorAll('#contact-names option')].map(o => [o.value, o.textContent]));
document.getElementById('callbacks').contactName = id => names.get(id);
